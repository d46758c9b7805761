package dev.parity.definitions.triggers;

import java.util.Locale;

/** What a firing does while a run of the same trigger is in progress: one run per trigger at a time. */
public enum BusyPolicy {
  /** The firing is recorded as refused and dropped (the default). */
  REFUSE,
  /** The firing waits and runs when the current run ends (in firing order). */
  QUEUE;

  /** {@code refuse} or {@code queue}, as written in definitions. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
