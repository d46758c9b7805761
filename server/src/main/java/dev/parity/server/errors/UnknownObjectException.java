package dev.parity.server.errors;

import dev.parity.ParityException;

/** A request names a feature service, view or registry object that does not exist (HTTP 404). */
public final class UnknownObjectException extends ParityException {
  public UnknownObjectException(String message) {
    super(message);
  }
}
