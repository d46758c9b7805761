package dev.parity.registry.metadata;

/** Lifecycle stage of a model version; at most one version of a model is in production. */
public enum ModelStage {
  CANDIDATE,
  PRODUCTION,
  ARCHIVED
}
