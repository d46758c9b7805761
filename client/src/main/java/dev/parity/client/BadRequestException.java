package dev.parity.client;

/**
 * The server refused the request as malformed or too large (HTTP 400, 405, 413, 415, 422): an
 * unknown column value type, a feature reference not written {@code view:feature}, more entity
 * rows than the server takes. Never retried: the same request would fail again. The message is
 * the server's, naming what and where.
 */
public final class BadRequestException extends ParityClientException {
  BadRequestException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }
}
