package dev.parity.server.errors;

import dev.parity.ParityException;

/** A request the server cannot act on: a missing or malformed field or parameter (HTTP 400). */
public final class InvalidRequestException extends ParityException {
  public InvalidRequestException(String message) {
    super(message);
  }
}
