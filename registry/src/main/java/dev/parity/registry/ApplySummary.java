package dev.parity.registry;

import dev.parity.registry.internal.RecordChecks;

/**
 * What an apply did: how many objects were added, changed (new version), removed and left
 * unchanged, and the project's revision afterwards (unchanged when nothing changed).
 */
public record ApplySummary(int added, int changed, int removed, int unchanged, long revision) {
  public ApplySummary {
    RecordChecks.checkNotNegative(added, "added");
    RecordChecks.checkNotNegative(changed, "changed");
    RecordChecks.checkNotNegative(removed, "removed");
    RecordChecks.checkNotNegative(unchanged, "unchanged");
    RecordChecks.checkNotNegative(revision, "revision");
  }

  /** Whether the apply changed anything. */
  public boolean changedAnything() {
    return added + changed + removed > 0;
  }
}
