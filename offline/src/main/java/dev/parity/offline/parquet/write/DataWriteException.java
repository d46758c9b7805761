package dev.parity.offline.parquet.write;

import dev.parity.ParityException;

/** Writing a table file failed (I/O error, or the target cannot be replaced); no file was left. */
public class DataWriteException extends ParityException {
  public DataWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
