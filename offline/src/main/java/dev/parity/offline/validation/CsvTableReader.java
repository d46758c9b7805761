package dev.parity.offline.validation;

import dev.parity.definitions.SourceColumnType;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.CsvParseException;
import dev.parity.offline.CsvRecords;
import dev.parity.offline.MissingInputException;
import dev.parity.offline.OfflineException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV files (header line, RFC 4180 quoting) with the column types a source declares, as the
 * offline engine does: an empty unquoted field is null, a value that does not parse as its declared
 * type fails with file, line and column; timestamps need an offset ({@code ...Z}).
 */
final class CsvTableReader implements TableReader {
  private final Map<String, SourceColumnType> declared;

  CsvTableReader(Map<String, SourceColumnType> declared) {
    this.declared = Map.copyOf(declared);
  }

  @Override
  public Map<String, ColumnType> schema(Path file) {
    try (BufferedReader in = open(file)) {
      List<String> header = new CsvRecords(in, file).next();
      if (header == null) {
        throw new CorruptInputException(file, "empty CSV file (no header line)", null);
      }
      Map<String, ColumnType> columns = new LinkedHashMap<>();
      for (String name : header) {
        SourceColumnType type = declared.get(name);
        columns.putIfAbsent(name, type == null ? ColumnType.unreadable("undeclared") : new ColumnType(type.yamlName(), type.readsAs()));
      }
      return columns;
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  @Override
  public void scan(Path file, List<ColumnValues> columns, BatchSink sink) {
    try (BufferedReader in = open(file)) {
      CsvRecords records = new CsvRecords(in, file);
      List<String> header = records.next();
      if (header == null) {
        throw new CorruptInputException(file, "empty CSV file (no header line)", null);
      }
      int[] positions = new int[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        positions[c] = header.indexOf(columns.get(c).name);
        if (positions[c] < 0) {
          throw new IllegalStateException("column " + columns.get(c).name + " is missing; the schema check should have caught it");
        }
      }
      int capacity = columns.isEmpty() ? 1 : columns.get(0).nulls.length;
      int n = 0;
      for (List<String> record = records.next(); record != null; record = records.next()) {
        if (record.size() != header.size()) {
          throw new CsvParseException(file, records.line(), "-", "expected " + header.size() + " fields, found " + record.size());
        }
        for (int c = 0; c < columns.size(); c++) {
          set(columns.get(c), n, record.get(positions[c]), records.quoted(positions[c]), file, records.line());
        }
        if (++n == capacity) {
          sink.accept(n, columns);
          n = 0;
        }
      }
      if (n > 0) {
        sink.accept(n, columns);
      }
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  private static BufferedReader open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }

  private static OfflineException failure(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new MissingInputException(file, "no such file");
    }
    if (e instanceof CharacterCodingException) {
      return new CorruptInputException(file, "not UTF-8 text", e);
    }
    return new CorruptInputException(file, "cannot read CSV: " + e.getMessage(), e);
  }

  private static void set(ColumnValues out, int row, String text, boolean quoted, Path file, long line) {
    out.nulls[row] = text.isEmpty() && !quoted;
    if (out.nulls[row]) {
      return;
    }
    try {
      switch (out.type) {
        case STRING:
          out.strings[row] = text;
          break;
        case INT64:
          out.longs[row] = Long.parseLong(text);
          break;
        case FLOAT64:
          if (text.isEmpty() || Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1))) {
            throw new NumberFormatException("surrounding blanks");
          }
          out.doubles[row] = Double.parseDouble(text);
          break;
        case BOOL:
          if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("not a bool");
          }
          out.longs[row] = text.equals("true") ? 1 : 0;
          break;
        default:
          out.longs[row] = timestamp(text, file, line, out.name);
      }
    } catch (IllegalArgumentException e) {
      throw new CsvParseException(file, line, out.name, "'" + text + "' is not a valid " + out.type);
    }
  }

  private static long timestamp(String text, Path file, long line, String column) {
    String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    try {
      return Formats.micros(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      boolean local;
      try {
        LocalDateTime.parse(iso);
        local = true;
      } catch (DateTimeParseException notLocal) {
        local = false;
      }
      throw new CsvParseException(file, line, column,
          local ? "'" + text + "' is a timestamp without time zone; add an offset such as Z" : "'" + text + "' is not a valid timestamp");
    }
  }
}
