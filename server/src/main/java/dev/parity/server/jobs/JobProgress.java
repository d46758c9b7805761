package dev.parity.server.jobs;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How far a job got, as the offline engine's {@link dev.parity.offline.Progress} callbacks
 * reported it.
 *
 * @param rowsRead source and entity rows read so far
 * @param rowsWritten output rows so far (training set rows, or entities handed to the online store)
 * @param partitionsDone partitions of the current phase joined
 * @param partitionsTotal partitions of the current phase (0 until the engine reports one); a
 *     materialization of several views has one phase per view
 * @param currentView the feature view whose rows were read last, if any
 */
public record JobProgress(long rowsRead, long rowsWritten, int partitionsDone, int partitionsTotal,
    Optional<String> currentView) {
  /** Nothing reported yet. */
  public static final JobProgress NONE = new JobProgress(0, 0, 0, 0, Optional.empty());

  public JobProgress {
    requireNonNull(currentView, "currentView is null");
  }

  /** {@code partitionsDone / partitionsTotal} of the current phase; empty until a total is known. */
  public Optional<Double> fraction() {
    return partitionsTotal == 0 ? Optional.empty() : Optional.of((double) partitionsDone / partitionsTotal);
  }
}
