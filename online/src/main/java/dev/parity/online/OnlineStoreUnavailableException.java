package dev.parity.online;

import dev.parity.ParityException;

/**
 * Redis could not be reached or did not answer within the configured timeout. Transient: the
 * same call may succeed later, and writes may be repeated (they are idempotent).
 */
public class OnlineStoreUnavailableException extends ParityException {
  public OnlineStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
