package dev.parity.registry.metadata;

/** What a recorded alias decision did. */
public enum DecisionAction {
  /** A version was proposed for an alias; the gates decided. */
  PROMOTE,
  /** The alias went back to the version that held it before the last promotion. */
  ROLLBACK
}
