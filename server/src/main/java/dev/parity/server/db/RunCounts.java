package dev.parity.server.db;

/** What a materialization run processed: source rows read, online rows written, entities. */
public record RunCounts(long rowsRead, long rowsWritten, long entities) {
  public static final RunCounts NONE = new RunCounts(0, 0, 0);

  public RunCounts {
    Names.checkNotNegative(rowsRead, "rows read");
    Names.checkNotNegative(rowsWritten, "rows written");
    Names.checkNotNegative(entities, "entities");
  }
}
