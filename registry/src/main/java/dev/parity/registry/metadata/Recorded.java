package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A value as the metadata store recorded it: with its id and when it was recorded. */
public record Recorded<T>(long id, Instant recordedAt, T value) {
  public Recorded {
    if (id < 1) {
      throw new IllegalArgumentException("id must be positive, got " + id);
    }
    requireNonNull(recordedAt, "recordedAt is null");
    requireNonNull(value, "value is null");
  }
}
