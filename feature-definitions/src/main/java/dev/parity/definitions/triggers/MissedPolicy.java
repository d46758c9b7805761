package dev.parity.definitions.triggers;

import java.util.Locale;

/**
 * What a cron trigger does about firings that fell due while no server ran: either way each is
 * recorded (as skipped, or the latest as run once at start).
 */
public enum MissedPolicy {
  /** Missed firings are recorded as skipped (the default). */
  SKIP,
  /** The latest missed firing runs once when a server starts; older ones are recorded as skipped. */
  RUN_ONCE;

  /** {@code skip} or {@code run_once}, as written in definitions. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
