package dev.parity.server.db;

/**
 * What an apply did: how many objects were added, changed (new version), removed and left
 * unchanged, and the project's revision afterwards (unchanged when nothing changed).
 */
public record ApplySummary(int added, int changed, int removed, int unchanged, long revision) {
  public ApplySummary {
    Names.checkNotNegative(added, "added");
    Names.checkNotNegative(changed, "changed");
    Names.checkNotNegative(removed, "removed");
    Names.checkNotNegative(unchanged, "unchanged");
    Names.checkNotNegative(revision, "revision");
  }

  /** Whether the apply changed anything. */
  public boolean changedAnything() {
    return added + changed + removed > 0;
  }
}
