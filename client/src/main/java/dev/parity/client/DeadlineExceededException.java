package dev.parity.client;

/**
 * The call's deadline passed before an answer came. The call ended then, its attempts still in
 * flight were cancelled (their connections closed); the cause, when there is one, is the last
 * failed attempt's failure.
 */
public final class DeadlineExceededException extends ParityClientException {
  DeadlineExceededException(String message, Throwable cause) {
    super(message, 0, cause);
  }
}
