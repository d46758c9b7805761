package dev.parity.client;

/**
 * The server does not know what the request names (HTTP 404): a feature service, feature view,
 * feature, source or job. Never retried. The message is the server's, naming the unknown object.
 */
public final class NotFoundException extends ParityClientException {
  NotFoundException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }
}
