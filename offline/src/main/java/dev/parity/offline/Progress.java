package dev.parity.offline;

/**
 * Listener for the progress of an offline run (for a terminal progress bar). Methods may be called
 * from several engine threads at once, so implementations must be thread-safe; they should return
 * quickly. All methods default to doing nothing.
 */
public interface Progress {
  /** A listener that ignores everything. */
  Progress NONE = new Progress() {};

  /**
   * {@code rows} more rows were read from {@code table} (the entity table or a view's source).
   *
   * @param table {@code "entities"} or the view name
   */
  default void rowsRead(String table, long rows) {}

  /** One more partition was joined; {@code done} of {@code total} so far. */
  default void partitionDone(int done, int total) {}

  /** {@code rows} more output rows were written. */
  default void rowsWritten(long rows) {}
}
