package dev.parity.client;

/**
 * No answer could be had from the server within the attempts the call was allowed: the
 * connection was refused, reset or closed mid-answer, an attempt timed out, or the server was
 * overloaded or unavailable (HTTP 429, 502, 503, 504). Lookups have been retried as far as the
 * retry policy, the retry budget and the deadline allow; the cause is the last attempt's failure.
 * Try again later.
 */
public class UnavailableException extends ParityClientException {
  UnavailableException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }
}
