package dev.parity.offline.csv;

import dev.parity.definitions.DataType;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.CsvParseException;
import dev.parity.offline.MissingInputException;
import dev.parity.offline.OfflineException;
import java.io.BufferedReader;
import java.io.Closeable;
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
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * The strict CSV reader of the offline module: a header line, then records with as many fields
 * (split by {@link CsvRecords}), each cell read as its declared type. An empty unquoted field is
 * null; anything that does not parse as its type fails with file, line and column ({@link
 * CsvParseException}). Timestamps are ISO-8601 with an offset ({@code 2024-05-01T10:00:00Z},
 * {@code 2024-05-01 10:00:00.5+02:00}); one without offset is an error, as for Parquet. The
 * engine's CSV scanner and data validation read CSV through it, so a file passes validation
 * exactly when a training set can read it. Not thread-safe.
 */
public final class CsvTable implements Closeable {
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private final Path file;
  private final BufferedReader in;
  private final CsvRecords records;
  private final List<String> header;
  private List<String> record;

  private CsvTable(Path file, BufferedReader in, CsvRecords records, List<String> header) {
    this.file = file;
    this.in = in;
    this.records = records;
    this.header = header;
  }

  /**
   * Opens {@code file} (UTF-8) and reads its header line.
   *
   * @throws MissingInputException if it is not a regular file
   * @throws CorruptInputException if it is empty, not UTF-8 or cannot be read
   * @throws CsvParseException if the header line is not valid CSV
   */
  public static CsvTable open(Path file) {
    BufferedReader in = null;
    try {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString());
      }
      in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      CsvRecords records = new CsvRecords(in, file);
      List<String> header = records.next();
      if (header == null) {
        throw new CorruptInputException(file, "empty CSV file (no header line)", null);
      }
      return new CsvTable(file, in, records, header);
    } catch (IOException | RuntimeException e) {
      if (in != null) {
        try {
          in.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e instanceof IOException io ? failure(file, io) : (RuntimeException) e;
    }
  }

  /** The header's column names, in file order. */
  public List<String> header() {
    return header;
  }

  /**
   * Moves to the next record.
   *
   * @return false at the end of the file
   * @throws CsvParseException if the record is not valid CSV or its field count differs from the header's
   * @throws CorruptInputException if the file cannot be read further
   */
  public boolean next() {
    try {
      record = records.next();
    } catch (IOException e) {
      throw failure(file, e);
    }
    if (record == null) {
      return false;
    }
    if (record.size() != header.size()) {
      throw new CsvParseException(file, records.line(), "-",
          "expected " + header.size() + " fields, found " + record.size());
    }
    return true;
  }

  /** 1-based line the current record starts on (the header is line 1). */
  public long line() {
    return records.line();
  }

  /**
   * The current record's field at {@code position} as {@code type}: null if empty and unquoted, else
   * a {@code String}, {@code Long} (int64; timestamp as UTC microseconds), {@code Double} or {@code
   * Boolean}.
   *
   * @param column the column's name, for the error message
   * @throws CsvParseException if the text does not parse as {@code type}
   */
  public Object value(int position, DataType type, String column) {
    return parse(record.get(position), records.quoted(position), type, file, records.line(), column);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  /** A failure to read {@code file} as the offline module reports it. */
  public static OfflineException failure(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new MissingInputException(file, "no such file");
    }
    if (e instanceof CharacterCodingException) {
      return new CorruptInputException(file, "not UTF-8 text", e);
    }
    return new CorruptInputException(file, "cannot read CSV: " + e.getMessage(), e);
  }

  private static Object parse(String text, boolean quoted, DataType type, Path file, long line, String column) {
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
        LocalDateTime.parse(iso);
        throw new CsvParseException(file, line, column,
            "'" + text + "' is a timestamp without time zone; add an offset such as Z");
      } catch (DateTimeParseException notLocal) {
        throw new CsvParseException(file, line, column, "'" + text + "' is not a valid timestamp");
      }
    }
  }
}
