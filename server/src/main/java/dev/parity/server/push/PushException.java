package dev.parity.server.push;

import dev.parity.ParityException;

/**
 * A push cannot be done as asked: a bad row (the message names the row index and column), a
 * missing or unknown column, no rows, or an offline append to a source that cannot take one.
 * Nothing was written.
 */
public final class PushException extends ParityException {
  public PushException(String message) {
    super(message);
  }
}
