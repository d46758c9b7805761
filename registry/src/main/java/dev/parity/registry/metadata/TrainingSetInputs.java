package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.internal.RecordChecks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a training set read, beyond the definitions: the range of its entity table's event times
 * (the period the model's examples come from) and the files each source's path named when the set
 * was built. Training sets recorded before the store kept this have {@link #none()}.
 *
 * @param eventsFrom the earliest entity {@code event_timestamp}; empty when unknown
 * @param eventsTo the latest entity {@code event_timestamp}; empty when unknown
 * @param sourceFiles the source files, by source then path
 */
public record TrainingSetInputs(Optional<Instant> eventsFrom, Optional<Instant> eventsTo,
    List<SourceFile> sourceFiles) {
  public TrainingSetInputs {
    requireNonNull(eventsFrom, "eventsFrom is null");
    requireNonNull(eventsTo, "eventsTo is null");
    if (eventsFrom.isPresent() != eventsTo.isPresent()) {
      throw new IllegalArgumentException("an event time range needs both ends or neither");
    }
    if (eventsFrom.isPresent() && eventsFrom.get().isAfter(eventsTo.get())) {
      throw new IllegalArgumentException("event time range starts after it ends: " + eventsFrom.get() + " > "
          + eventsTo.get());
    }
    sourceFiles = List.copyOf(requireNonNull(sourceFiles, "sourceFiles is null"));
  }

  /** Nothing known: a training set recorded without its inputs. */
  public static TrainingSetInputs none() {
    return new TrainingSetInputs(Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * One file of a source as it was when the training set was built.
   *
   * @param source the source definition's name
   * @param path the file's path relative to the feature repository (absolute if outside it)
   * @param sizeBytes its size
   * @param modifiedAt its last modification time
   */
  public record SourceFile(String source, String path, long sizeBytes, Instant modifiedAt) {
    public SourceFile {
      RecordChecks.check(source, "source name");
      if (path == null || path.isBlank() || path.length() > 4096) {
        throw new IllegalArgumentException("source file path must be 1 to 4096 characters");
      }
      RecordChecks.checkNotNegative(sizeBytes, "file size");
      requireNonNull(modifiedAt, "modifiedAt is null");
    }
  }
}
