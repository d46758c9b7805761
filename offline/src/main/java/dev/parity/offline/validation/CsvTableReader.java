package dev.parity.offline.validation;

import dev.parity.definitions.SourceColumnType;
import dev.parity.offline.csv.CsvTable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV files with the column types a source declares through the module's one strict CSV
 * reader ({@link CsvTable}), so validation reads a file exactly as the offline engine does: an
 * empty unquoted field is null, a value that does not parse as its declared type fails with file,
 * line and column; timestamps need an offset ({@code ...Z}).
 */
final class CsvTableReader implements TableReader {
  private final Map<String, SourceColumnType> declared;

  CsvTableReader(Map<String, SourceColumnType> declared) {
    this.declared = Map.copyOf(declared);
  }

  @Override
  public Map<String, ColumnType> schema(Path file) {
    try (CsvTable csv = CsvTable.open(file)) {
      Map<String, ColumnType> columns = new LinkedHashMap<>();
      for (String name : csv.header()) {
        SourceColumnType type = declared.get(name);
        columns.putIfAbsent(name, type == null ? ColumnType.unreadable("undeclared") : new ColumnType(type.yamlName(), type.readsAs()));
      }
      return columns;
    }
  }

  @Override
  public void scan(Path file, List<ColumnValues> columns, BatchSink sink) {
    try (CsvTable csv = CsvTable.open(file)) {
      List<String> header = csv.header();
      int[] positions = new int[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        positions[c] = header.indexOf(columns.get(c).name);
        if (positions[c] < 0) {
          throw new IllegalStateException("column " + columns.get(c).name + " is missing; the schema check should have caught it");
        }
      }
      int capacity = columns.isEmpty() ? 1 : columns.get(0).nulls.length;
      int n = 0;
      while (csv.next()) {
        for (int c = 0; c < columns.size(); c++) {
          set(columns.get(c), n, csv.value(positions[c], columns.get(c).type, columns.get(c).name));
        }
        if (++n == capacity) {
          sink.accept(n, columns);
          n = 0;
        }
      }
      if (n > 0) {
        sink.accept(n, columns);
      }
    }
  }

  private static void set(ColumnValues out, int row, Object value) {
    out.nulls[row] = value == null;
    if (value == null) {
      return;
    }
    switch (out.type) {
      case STRING -> out.strings[row] = (String) value;
      case FLOAT64 -> out.doubles[row] = (Double) value;
      case BOOL -> out.longs[row] = (Boolean) value ? 1 : 0;
      default -> out.longs[row] = (Long) value;
    }
  }
}
