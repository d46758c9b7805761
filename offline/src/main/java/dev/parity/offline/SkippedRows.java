package dev.parity.offline;

import dev.parity.definitions.FutureTimeLimit;

/**
 * Source rows of one view that a run left out although their event time lies in the range it
 * reads (and they pass {@code asOfCreated}): counted so that bad data is reported, never silently
 * absorbed. The two counts are disjoint.
 *
 * @param beyondFutureLimit rows with an event or created time beyond the run's {@link
 *     FutureTimeLimit}
 * @param nullKeys other rows with a null join key part: no entity row or lookup can ever match
 *     them
 */
public record SkippedRows(long beyondFutureLimit, long nullKeys) {
  /** Nothing skipped. */
  public static final SkippedRows NONE = new SkippedRows(0, 0);

  public SkippedRows {
    if (beyondFutureLimit < 0 || nullKeys < 0) {
      throw new IllegalArgumentException("negative skipped row count: " + beyondFutureLimit + ", " + nullKeys);
    }
  }

  /** Whether anything was skipped. */
  public boolean any() {
    return beyondFutureLimit > 0 || nullKeys > 0;
  }
}
