package dev.parity.server.jobs;

import dev.parity.offline.Progress;
import java.util.Optional;

/**
 * Collects a job's {@link Progress} callbacks into a {@link JobProgress}, and stops the job at its
 * next callback once {@link #cancel() cancelled}: the callback throws, the engine fails the run
 * the way it fails on bad data, stopping its worker threads and freeing its memory before it
 * returns (interrupting the job's thread would not wait for the engine's workers). Thread-safe:
 * the engine reports from its worker threads while requests read snapshots; callbacks are a few
 * field updates under a lock.
 */
final class ProgressTracker implements Progress {
  private static final String ENTITIES = "entities";
  private volatile boolean cancelled;
  private long rowsRead;
  private long rowsWritten;
  private int partitionsDone;
  private int partitionsTotal;
  private String currentView;

  @Override
  public synchronized void rowsRead(String table, long rows) {
    checkCancelled();
    rowsRead += rows;
    if (!ENTITIES.equals(table)) {
      currentView = table;
    }
  }

  @Override
  public synchronized void partitionDone(int done, int total) {
    checkCancelled();
    // Workers report out of order within a phase; a new total starts a new phase.
    if (total != partitionsTotal) {
      partitionsTotal = total;
      partitionsDone = done;
    } else {
      partitionsDone = Math.max(partitionsDone, done);
    }
  }

  @Override
  public synchronized void rowsWritten(long rows) {
    checkCancelled();
    rowsWritten += rows;
  }

  /** Makes every later callback throw {@link JobInterruptedException}. */
  void cancel() {
    cancelled = true;
  }

  private void checkCancelled() {
    if (cancelled) {
      throw new JobInterruptedException("the job was interrupted: the server is shutting down");
    }
  }

  synchronized JobProgress snapshot() {
    return new JobProgress(rowsRead, rowsWritten, partitionsDone, partitionsTotal, Optional.ofNullable(currentView));
  }
}
