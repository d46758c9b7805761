package dev.parity.online;

/**
 * Outcome of a write: how many rows replaced (or created) the stored value and how many were
 * kept out because the stored row was at least as new.
 */
public record WriteResult(long written, long skipped) {
  public WriteResult {
    if (written < 0 || skipped < 0) {
      throw new IllegalArgumentException("negative counts: " + written + ", " + skipped);
    }
  }

  public long rows() {
    return written + skipped;
  }
}
