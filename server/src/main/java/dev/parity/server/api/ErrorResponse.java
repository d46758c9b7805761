package dev.parity.server.api;

import static java.util.Objects.requireNonNull;

/**
 * The body of every error response: {@code {"code": 404, "message": "..."}}, {@code code} being
 * the HTTP status (as Dropwizard's own error bodies have it).
 */
public record ErrorResponse(int code, String message) {
  public ErrorResponse {
    requireNonNull(message, "message is null");
  }
}
