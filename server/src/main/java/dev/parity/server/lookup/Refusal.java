package dev.parity.server.lookup;

/**
 * A lookup refused before its body was read (method, role, media type, declared length), with
 * the status it is answered with. Without a stack trace: it is an answer, not a failure.
 */
final class Refusal extends Exception {
  final int status;

  Refusal(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }
}
