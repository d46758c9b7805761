package dev.parity.server.jobs;

import dev.parity.offline.Progress;
import java.util.Optional;

/**
 * Collects a job's {@link Progress} callbacks into a {@link JobProgress}. Thread-safe: the
 * engine reports from its worker threads while requests read snapshots; callbacks are a few
 * field updates under a lock.
 */
final class ProgressTracker implements Progress {
  private static final String ENTITIES = "entities";
  private long rowsRead;
  private long rowsWritten;
  private int partitionsDone;
  private int partitionsTotal;
  private String currentView;

  @Override
  public synchronized void rowsRead(String table, long rows) {
    rowsRead += rows;
    if (!ENTITIES.equals(table)) {
      currentView = table;
    }
  }

  @Override
  public synchronized void partitionDone(int done, int total) {
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
    rowsWritten += rows;
  }

  synchronized JobProgress snapshot() {
    return new JobProgress(rowsRead, rowsWritten, partitionsDone, partitionsTotal, Optional.ofNullable(currentView));
  }
}
