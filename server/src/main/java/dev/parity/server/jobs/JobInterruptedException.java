package dev.parity.server.jobs;

import dev.parity.ParityException;

/** Thrown from a job's progress callback to stop it, when the server stops before the job ends. */
final class JobInterruptedException extends ParityException {
  JobInterruptedException(String message) {
    super(message);
  }
}
