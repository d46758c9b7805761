package dev.parity.online.servinglog;

/**
 * Counters of a {@link ServingLogger} since it started, in requests (not entity rows) except
 * {@code rowsWritten}. Every request passed to {@link ServingLogger#log} ends in exactly one of
 * {@code sampledOut}, {@code dropped} or {@code logged}; every logged one eventually in {@code
 * written} or {@code failed} (or is still queued).
 *
 * @param logged requests sampled and queued for writing
 * @param dropped requests sampled but dropped because the queue was full or the logger closed
 * @param sampledOut requests not sampled
 * @param written requests the sink accepted
 * @param failed requests whose write the sink refused (or that could not be turned into entries)
 * @param rowsWritten entity rows the sink accepted
 */
public record ServingLogStats(long logged, long dropped, long sampledOut, long written, long failed, long rowsWritten) {

  /** Requests queued and not yet written or failed. */
  public long pending() {
    return logged - written - failed;
  }
}
