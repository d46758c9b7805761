package dev.parity;

/**
 * Root of every exception Parity throws on purpose. Subclasses live in the package that throws
 * them and name a category (bad definition, store unavailable, failed validation...). Anything
 * else reaching a user boundary is a bug and is reported with an error id.
 */
public class ParityException extends RuntimeException {
  public ParityException(String message) {
    super(message);
  }

  public ParityException(String message, Throwable cause) {
    super(message, cause);
  }
}
