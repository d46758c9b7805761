package dev.parity.server.db;

/** The kinds of runs {@link MetadataStore#runs} lists. */
public enum RunKind {
  MATERIALIZATION,
  TRIGGER
}
