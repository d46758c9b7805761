package dev.parity.offline.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.parity.offline.CsvParseException;

/**
 * Splits CSV text into records (RFC 4180: comma separated, {@code "} quotes with {@code ""}
 * escapes, quoted fields may span lines, CRLF or LF line ends), remembering which fields were
 * quoted and the line each record starts on. Shared by every CSV reader of this module (sources,
 * entity tables, validation) so they agree on what a record is. Not thread-safe.
 */
public final class CsvRecords {
  private final Reader in;
  private final Path file;
  private final List<Boolean> quoted = new ArrayList<>();
  private long nextLine = 1;
  private long line;

  public CsvRecords(Reader in, Path file) {
    this.in = in;
    this.file = file;
  }

  /** 1-based line the last record returned starts on (the header is line 1). */
  public long line() {
    return line;
  }

  /** Whether field {@code index} of the last record was quoted (so empty means "", not null). */
  public boolean quoted(int index) {
    return quoted.get(index);
  }

  /** The next record's fields, or null at the end of the input. */
  public List<String> next() throws IOException {
    line = nextLine;
    int c = in.read();
    if (c == -1) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    quoted.clear();
    StringBuilder field = new StringBuilder();
    boolean fieldQuoted = false;
    while (true) {
      if (c == '"' && field.length() == 0 && !fieldQuoted) {
        fieldQuoted = true;
        c = readQuoted(field);
        continue;
      }
      if (c == ',' || c == '\n' || c == '\r' || c == -1) {
        fields.add(field.toString());
        quoted.add(fieldQuoted);
        field.setLength(0);
        fieldQuoted = false;
        if (c == '\r') {
          c = in.read();
          if (c != '\n' && c != -1) {
            throw new CsvParseException(file, nextLine, "-", "carriage return without line feed");
          }
        }
        if (c != ',') {
          nextLine++;
          return fields;
        }
      } else if (fieldQuoted) {
        throw new CsvParseException(file, nextLine, "-", "text after a closing quote");
      } else {
        field.append((char) c);
      }
      c = in.read();
    }
  }

  /** Reads a quoted field's content after its opening quote; returns the character after it. */
  private int readQuoted(StringBuilder field) throws IOException {
    while (true) {
      int c = in.read();
      if (c == -1) {
        throw new CsvParseException(file, line, "-", "unterminated quoted field");
      }
      if (c == '"') {
        int after = in.read();
        if (after != '"') {
          return after;
        }
        field.append('"');
      } else {
        if (c == '\n') {
          nextLine++;
        }
        field.append((char) c);
      }
    }
  }
}
