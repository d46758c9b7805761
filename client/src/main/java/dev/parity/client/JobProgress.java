package dev.parity.client;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a job's engine has reported so far.
 *
 * @param rowsRead source rows read
 * @param rowsWritten rows written (to Redis or the output file)
 * @param partitionsDone partitions of the current phase done
 * @param partitionsTotal partitions of the current phase
 * @param fraction how far the current phase is, in [0, 1], once known
 * @param currentView the feature view read last, once one was
 */
public record JobProgress(long rowsRead, long rowsWritten, int partitionsDone, int partitionsTotal,
    OptionalDouble fraction, Optional<String> currentView) {
  public JobProgress {
    requireNonNull(fraction, "fraction is null");
    requireNonNull(currentView, "currentView is null");
  }
}
