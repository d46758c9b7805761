package dev.parity.offline;

import java.nio.file.Path;

/** A CSV field does not parse as its declared type, or a line is malformed. */
public final class CsvParseException extends OfflineException {
  private final long line;
  private final String column;

  public CsvParseException(Path file, long line, String column, String message) {
    super(file, "line " + line + ", column " + column + ": " + message, null);
    this.line = line;
    this.column = column;
  }

  /** 1-based line number in the file (the header is line 1). */
  public long line() {
    return line;
  }

  /** The column name (from the header) of the field. */
  public String column() {
    return column;
  }
}
