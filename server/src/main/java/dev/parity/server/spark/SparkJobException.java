package dev.parity.server.spark;

import dev.parity.ParityException;

/** The Spark job could not be started or failed; the message says why in one line. */
public final class SparkJobException extends ParityException {
  public SparkJobException(String message) {
    super(message);
  }

  public SparkJobException(String message, Throwable cause) {
    super(message, cause);
  }
}
