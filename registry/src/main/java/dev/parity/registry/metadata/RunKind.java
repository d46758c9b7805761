package dev.parity.registry.metadata;

/** The kinds of runs {@link MetadataStore#runs} lists. */
public enum RunKind {
  MATERIALIZATION,
  TRIGGER,
  /**
   * A job the server accepted and never ran ({@link RunStatus#CANCELLED}: still queued at
   * shutdown). Jobs that ran are listed through the runs they recorded.
   */
  JOB
}
