package dev.parity.server.jobs;

import static java.util.Objects.requireNonNull;

/**
 * Why a job failed, as the synchronous endpoint doing the same work would have answered: {@code
 * code} is that HTTP status (400 bad input, 409 definitions not applied, 503 a backend
 * unavailable or the server stopping, 500 unexpected, logged with an id the message names).
 */
public record JobError(int code, String message) {
  public JobError {
    requireNonNull(message, "message is null");
  }
}
