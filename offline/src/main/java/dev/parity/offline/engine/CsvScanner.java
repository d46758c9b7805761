package dev.parity.offline.engine;

import dev.parity.definitions.DataType;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.CsvParseException;
import dev.parity.offline.CsvRecords;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.MissingInputException;
import dev.parity.offline.OfflineException;

/**
 * Reads RFC 4180 CSV (header line, comma separated, {@code "} quoting with {@code ""} escapes,
 * quoted fields may span lines) against a declared schema, strictly: an empty unquoted field is
 * null; anything that does not parse as its declared type fails with file, line and column.
 * Timestamps are ISO-8601 with an offset ({@code 2024-05-01T10:00:00Z}, {@code 2024-05-01
 * 10:00:00.5+02:00}); one without offset is an error, as for Parquet.
 */
final class CsvScanner implements TableScanner {
  private final Map<String, DataType> declared = new java.util.LinkedHashMap<>();

  CsvScanner(List<ColumnSpec> columns) {
    columns.forEach(c -> declared.put(c.name(), c.type()));
  }

  @Override
  public FileSchema schema(Path file) {
    List<String> header;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      header = new CsvRecords(in, file).next();
    } catch (IOException e) {
      throw failure(file, e);
    }
    if (header == null) {
      throw new CorruptInputException(file, "empty CSV file (no header line)", null);
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
      throw failure(file, e);
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
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      CsvRecords records = new CsvRecords(in, file);
      List<String> header = records.next();
      if (header == null) {
        throw new CorruptInputException(file, "empty CSV file (no header line)", null);
      }
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
      for (List<String> record = records.next(); record != null; record = records.next()) {
        if (record.size() != header.size()) {
          throw new CsvParseException(file, records.line(), "-",
              "expected " + header.size() + " fields, found " + record.size());
        }
        for (int c = 0; c < columns.size(); c++) {
          FieldVector v = root.getVector(c);
          Vectors.setSafe(v, n, parse(record.get(index[c]), records.quoted(index[c]),
              Vectors.typeOf(v), file, records.line(), columns.get(c)));
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
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  private static OfflineException failure(Path file, IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return new MissingInputException(file, "no such file");
    }
    if (e instanceof CharacterCodingException) {
      return new CorruptInputException(file, "not UTF-8 text", e);
    }
    return new CorruptInputException(file, "cannot read CSV: " + e.getMessage(), e);
  }

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  static Object parse(String text, boolean quoted, DataType type, Path file, long line, String column) {
    if (text.isEmpty() && !quoted) {
      return null;
    }
    try {
      switch (type) {
        case STRING:
          return text;
        case INT64:
          return Long.parseLong(text);
        case FLOAT64:
          if (text.isBlank() || Character.isWhitespace(text.charAt(0))
              || Character.isWhitespace(text.charAt(text.length() - 1))) {
            throw new NumberFormatException();
          }
          return Double.parseDouble(text);
        case BOOL:
          if (text.equals("true")) {
            return Boolean.TRUE;
          } else if (text.equals("false")) {
            return Boolean.FALSE;
          }
          throw new IllegalArgumentException();
        case TIMESTAMP:
          return timestamp(text, file, line, column);
        default:
          throw new IllegalStateException("unknown type " + type);
      }
    } catch (IllegalArgumentException e) {
      throw new CsvParseException(file, line, column, "'" + text + "' is not a valid " + type);
    }
  }

  private static long timestamp(String text, Path file, long line, String column) {
    String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    try {
      OffsetDateTime t = OffsetDateTime.parse(iso, TIMESTAMP);
      return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000L), t.get(ChronoField.MICRO_OF_SECOND));
    } catch (DateTimeParseException e) {
      try {
        java.time.LocalDateTime.parse(iso);
        throw new CsvParseException(file, line, column,
            "'" + text + "' is a timestamp without time zone; add an offset such as Z");
      } catch (DateTimeParseException notLocal) {
        throw new CsvParseException(file, line, column, "'" + text + "' is not a valid timestamp");
      }
    }
  }
}
