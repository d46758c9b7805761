package dev.parity.client;

/**
 * The server answered with a body the client cannot read: not JSON, or JSON of another shape
 * than the endpoint's (columns of different lengths, an unknown field type). A sign of a proxy
 * or server fault; never retried. Counted as a failure by the endpoint's circuit breaker.
 */
public final class MalformedResponseException extends ParityClientException {
  MalformedResponseException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }
}
