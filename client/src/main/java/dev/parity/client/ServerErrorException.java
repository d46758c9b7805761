package dev.parity.client;

/**
 * The server failed in a way a retry would not mend (HTTP 500, whose message carries the id the
 * server logged it under; 409, a repository that differs from its registry; any other status the
 * client does not expect). Never retried.
 */
public final class ServerErrorException extends ParityClientException {
  ServerErrorException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }
}
