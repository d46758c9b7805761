package dev.parity.server.errors;

import static java.util.Objects.requireNonNull;

/**
 * The body of every error response: {@code {"code": 404, "message": "..."}}, {@code code} being
 * the HTTP status (as Dropwizard's own error bodies have it). A message longer than {@value
 * #MAX_MESSAGE_LENGTH} characters is cut there: messages quote what the client sent, which may be
 * a string of megabytes.
 */
public record ErrorResponse(int code, String message) {
  public static final int MAX_MESSAGE_LENGTH = 2_000;

  public ErrorResponse {
    requireNonNull(message, "message is null");
    if (message.length() > MAX_MESSAGE_LENGTH) {
      int end = Character.isHighSurrogate(message.charAt(MAX_MESSAGE_LENGTH - 1)) ? MAX_MESSAGE_LENGTH - 1
          : MAX_MESSAGE_LENGTH;
      message = message.substring(0, end) + "... (" + (message.length() - end) + " more characters)";
    }
  }
}
