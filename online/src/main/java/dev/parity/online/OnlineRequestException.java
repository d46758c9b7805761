package dev.parity.online;

import dev.parity.ParityException;

/**
 * A lookup or write the caller got wrong: an unknown feature, a missing join key, a value of the
 * wrong type. The message names the view, the column and the row.
 */
public class OnlineRequestException extends ParityException {
  public OnlineRequestException(String message) {
    super(message);
  }
}
