package dev.parity.server.db;

/** Lifecycle stage of a model version; at most one version of a model is in production. */
public enum ModelStage {
  CANDIDATE,
  PRODUCTION,
  ARCHIVED
}
