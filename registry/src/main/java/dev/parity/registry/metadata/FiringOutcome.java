package dev.parity.registry.metadata;

/** What became of a trigger firing ({@link TriggerFiring}). */
public enum FiringOutcome {
  /** A run started for it. */
  STARTED,
  /** A run of the trigger was in progress and the trigger queues: it starts when that run ends. */
  QUEUED,
  /** A run of the trigger was in progress and the trigger refuses: nothing ran. */
  REFUSED,
  /** A cron firing missed while no server ran, which the trigger's policy skips: nothing ran. */
  SKIPPED
}
