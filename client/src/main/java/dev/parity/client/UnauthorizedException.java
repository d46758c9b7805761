package dev.parity.client;

/**
 * The server refused the caller (HTTP 401: no or an unknown bearer token; 403: the token's role
 * may not do this, e.g. a {@code reader} pushing rows). Never retried. {@link #httpStatus()} tells
 * which.
 */
public final class UnauthorizedException extends ParityClientException {
  UnauthorizedException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }
}
