package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.internal.RecordChecks;

/**
 * A firing to claim ({@link MetadataStore#claimFiring}).
 *
 * @param firingKey what makes the firing itself, the same on every server that sees it: {@code
 *     cron:2026-12-07T02:00:00Z}, {@code new_data:<fingerprint>}, a fresh id for a firing by hand
 * @param queueWhenBusy whether to queue (else refuse) while a run of the trigger is in progress
 * @param skip record the firing as {@link FiringOutcome#SKIPPED} without running anything
 */
public record FiringRequest(String project, String triggerName, String triggerKind, String triggerVersion,
    String firingKey, String reason, boolean queueWhenBusy, boolean skip) {
  public FiringRequest {
    RecordChecks.check(project, "project");
    RecordChecks.check(triggerName, "trigger name");
    RecordChecks.check(triggerKind, "trigger kind");
    RecordChecks.checkVersion(triggerVersion, "trigger version");
    requireNonNull(firingKey, "firingKey is null");
    if (firingKey.isBlank() || firingKey.length() > 512) {
      throw new IllegalArgumentException("firing key must have 1 to 512 characters");
    }
    requireNonNull(reason, "reason is null");
    if (reason.length() > 4096) {
      throw new IllegalArgumentException("reason longer than 4096 characters");
    }
  }
}
