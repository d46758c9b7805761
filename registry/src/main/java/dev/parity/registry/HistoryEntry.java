package dev.parity.registry;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.internal.RecordChecks;
import java.time.Instant;

/**
 * One change of an object: at {@code revision} (applied at {@code appliedAt}) it became
 * {@code version}, or, when {@code removed}, it was removed while at {@code version}.
 */
public record HistoryEntry(long revision, String version, Instant appliedAt, boolean removed) {
  public HistoryEntry {
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be positive, got " + revision);
    }
    RecordChecks.checkVersion(version, "version");
    requireNonNull(appliedAt, "appliedAt is null");
  }
}
