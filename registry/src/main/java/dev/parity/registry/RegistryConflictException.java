package dev.parity.registry;

/**
 * An apply was planned against a registry revision that is no longer current: someone else applied
 * in between. Nothing was written; the user plans again against the current revision.
 */
public class RegistryConflictException extends RegistryException {
  private final long currentRevision;
  private final long expectedRevision;

  public RegistryConflictException(String project, long currentRevision, long expectedRevision) {
    super("the registry changed since you planned: revision " + currentRevision + " of project '" + project
        + "' is current, you planned against " + expectedRevision + "; run plan again");
    this.currentRevision = currentRevision;
    this.expectedRevision = expectedRevision;
  }

  /** The revision found in the registry. */
  public long currentRevision() {
    return currentRevision;
  }

  /** The revision the caller planned against. */
  public long expectedRevision() {
    return expectedRevision;
  }
}
