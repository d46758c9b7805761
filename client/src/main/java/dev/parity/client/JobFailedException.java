package dev.parity.client;

/**
 * A job the client waited for ended without success: it failed (its error says why, as the
 * synchronous endpoint would have) or the server stopped before it finished. {@link #job()} has
 * its last status.
 */
public final class JobFailedException extends ParityClientException {
  private final transient Job job;

  JobFailedException(Job job) {
    super("job " + job.id() + " (" + job.kind() + ") " + job.status().name().toLowerCase(java.util.Locale.ROOT)
        + job.error().map(e -> ": " + e.code() + " " + e.message()).orElse(""), 0, null);
    this.job = job;
  }

  public Job job() {
    return job;
  }
}
