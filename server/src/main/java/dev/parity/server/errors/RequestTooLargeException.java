package dev.parity.server.errors;

import dev.parity.ParityException;

/** A request has more entity rows than the server's {@code maxEntityRows} (HTTP 413). */
public final class RequestTooLargeException extends ParityException {
  public RequestTooLargeException(String message) {
    super(message);
  }
}
