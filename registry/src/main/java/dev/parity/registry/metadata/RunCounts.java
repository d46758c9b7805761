package dev.parity.registry.metadata;

import dev.parity.registry.internal.RecordChecks;

/** What a materialization run processed: source rows read, online rows written, entities. */
public record RunCounts(long rowsRead, long rowsWritten, long entities) {
  public static final RunCounts NONE = new RunCounts(0, 0, 0);

  public RunCounts {
    RecordChecks.checkNotNegative(rowsRead, "rows read");
    RecordChecks.checkNotNegative(rowsWritten, "rows written");
    RecordChecks.checkNotNegative(entities, "entities");
  }
}
