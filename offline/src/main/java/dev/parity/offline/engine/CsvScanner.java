package dev.parity.offline.engine;

import dev.parity.definitions.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.csv.CsvTable;
import dev.parity.offline.InputSchemaException;

/**
 * The engine's scanner of CSV inputs: reads a file against its declared schema through the
 * module's one strict CSV reader ({@link CsvTable}: what parses, what is null, the errors) into
 * the engine's Arrow batches.
 */
final class CsvScanner implements TableScanner {
  private final Map<String, DataType> declared = new java.util.LinkedHashMap<>();

  CsvScanner(List<ColumnSpec> columns) {
    columns.forEach(c -> declared.put(c.name(), c.type()));
  }

  @Override
  public FileSchema schema(Path file) {
    List<String> header;
    try (CsvTable csv = CsvTable.open(file)) {
      header = csv.header();
    }
    FileSchema schema = new FileSchema(file);
    for (Map.Entry<String, DataType> column : declared.entrySet()) {
      if (!header.contains(column.getKey())) {
        throw new InputSchemaException(file, column.getKey(), "declared column missing from the CSV header");
      }
      schema.add(column.getKey(), column.getValue());
    }
    return schema;
  }

  @Override
  public long estimateRows(Path file) {
    try {
      return Math.max(1, Files.size(file) / 48);
    } catch (IOException e) {
      throw CsvTable.failure(file, e);
    }
  }

  @Override
  public void scan(
      Path file,
      List<String> columns,
      TimeRange prune,
      BufferAllocator allocator,
      int batchRows,
      ScanBuffers buffers,
      BatchSink sink) {
    List<FieldVector> vectors = new ArrayList<>();
    for (String c : columns) {
      DataType type = declared.get(c);
      if (type == null) {
        vectors.forEach(FieldVector::close);
        throw new InputSchemaException(file, c, "not declared for this CSV input");
      }
      vectors.add(Vectors.create(c, type, allocator));
    }
    try (VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        CsvTable csv = CsvTable.open(file)) {
      List<String> header = csv.header();
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        position.putIfAbsent(header.get(i), i);
      }
      int[] index = new int[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        Integer p = position.get(columns.get(c));
        if (p == null) {
          throw new InputSchemaException(file, columns.get(c), "declared column missing from the CSV header");
        }
        index[c] = p;
      }
      long row = 0;
      long firstRow = 0;
      int n = 0;
      root.allocateNew();
      while (csv.next()) {
        for (int c = 0; c < columns.size(); c++) {
          FieldVector v = root.getVector(c);
          Vectors.setSafe(v, n, csv.value(index[c], Vectors.typeOf(v), columns.get(c)));
        }
        n++;
        row++;
        if (n == batchRows) {
          root.setRowCount(n);
          sink.accept(root, firstRow);
          firstRow = row;
          n = 0;
          root.allocateNew();
        }
      }
      if (n > 0) {
        root.setRowCount(n);
        sink.accept(root, firstRow);
      }
    }
  }
}
