package dev.parity.offline.spark;

import dev.parity.offline.Progress;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reports a materialization's write tasks to {@link Progress} as they finish, from the
 * accumulator updates each successful task reports to the driver: {@code partitionDone} per task,
 * {@code rowsWritten} with the entities it delivered. Spark delivers listener events
 * asynchronously, so {@link #finish} reports whatever the events have not yet reported when the
 * job is over, and later events are ignored: the totals are exact once the run returns.
 */
final class WriteProgress extends SparkListener {
  private final WriteCounts counts;
  private final int partitions;
  private final Progress progress;
  private int done;
  private long reported;
  private boolean closed;

  WriteProgress(WriteCounts counts, int partitions, Progress progress) {
    this.counts = counts;
    this.partitions = partitions;
    this.progress = progress;
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
    if (closed || !event.taskInfo().successful()) {
      return;
    }
    long entities = 0;
    boolean ours = false;
    for (AccumulableInfo info : CollectionConverters.asJava(event.taskInfo().accumulables())) {
      if (info.update().isEmpty()) {
        continue;
      }
      if (info.id() == counts.tasks.id()) {
        ours = true;
      } else if (info.id() == counts.entities.id()) {
        entities = ((Number) info.update().get()).longValue();
      }
    }
    if (ours) {
      report(entities, done + 1);
    }
  }

  /** The job is over: reports what is left of {@code entities} and the partitions, then stops. */
  synchronized void finish(long entities) {
    if (!closed) {
      report(entities - reported, partitions);
      closed = true;
    }
  }

  /** The job failed: stops reporting. */
  synchronized void abandon() {
    closed = true;
  }

  private void report(long entities, int doneNow) {
    if (entities > 0) {
      reported += entities;
      progress.rowsWritten(entities);
    }
    if (doneNow > done) {
      done = doneNow;
      progress.partitionDone(done, partitions);
    }
  }
}
