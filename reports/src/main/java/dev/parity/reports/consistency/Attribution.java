package dev.parity.reports.consistency;

import dev.parity.definitions.FeatureRepository;
import dev.parity.online.FeatureValue.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives each mismatch of one feature its {@link MismatchCause}, trying the causes in their
 * declared order:
 *
 * <ol>
 *   <li>definition version differs: the row was served under another version of the feature's
 *       view, or of a view it reads (logged versions, or a {@code VERSION_MISMATCH} status);
 *   <li>declared default applied: a value was served although nothing young enough was stored
 *       ({@code NOT_FOUND} or {@code OUTSIDE_MAX_AGE} with a value);
 *   <li>ttl expired: the store held a value too old to serve ({@code OUTSIDE_MAX_AGE}) while the
 *       offline path has one;
 *   <li>never materialized: a feature view it is served from had no finished materialization at
 *       serving time, or the store had nothing for the entity ({@code NOT_FOUND}) and the offline
 *       value at the last materialization's end is null too;
 *   <li>materialization lag: the served value equals the offline value at the end of the last
 *       materialization (the earliest of those of the views it is served from) — the offline
 *       path computes it, as it computes the values at serving time;
 *   <li>value differs: everything else.
 * </ol>
 *
 * Features computed from request data alone have no materialization: their mismatches are
 * version or value differences.
 */
final class Attribution {
  /** One mismatch: the row, the offline value, and what attribution found. */
  static final class Mismatch {
    final ServedRow row;
    final Object offline;
    MismatchCause cause;
    Instant materializedUntil;
    Object offlineAtMaterialization;

    Mismatch(ServedRow row, Object offline) {
      this.row = row;
      this.offline = offline;
    }
  }

  private final OfflineRecompute recompute;
  private final MaterializationHistory history;

  Attribution(OfflineRecompute recompute, MaterializationHistory history) {
    this.recompute = recompute;
    this.history = history;
  }

  /** Sets the cause of every mismatch of feature {@code f}. */
  void attribute(FeatureRepository repository, ServedRows layout, FeatureDependencies feature, int f,
      List<Mismatch> mismatches) {
    List<Mismatch> pending = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (Mismatch m : mismatches) {
      Status status = m.row.status()[f];
      if (m.row.versionDiffers()[f]) {
        m.cause = MismatchCause.DEFINITION_VERSION_DIFFERS;
      } else if ((status == Status.NOT_FOUND || status == Status.OUTSIDE_MAX_AGE) && m.row.online()[f] != null) {
        // Nothing young enough was stored, yet a value was served: the feature's declared default.
        m.cause = MismatchCause.DECLARED_DEFAULT_APPLIED;
      } else if (status == Status.OUTSIDE_MAX_AGE && m.offline != null) {
        m.cause = MismatchCause.TTL_EXPIRED;
      } else if (feature.storedViews().isEmpty()) {
        m.cause = MismatchCause.VALUE_DIFFERS;
      } else {
        Instant served = instant(m.row.timeMicros());
        Instant end = null;
        for (String view : feature.storedViews()) {
          Optional<Instant> last = history.lastEnd(view, served);
          if (last.isEmpty()) {
            end = null;
            m.cause = MismatchCause.NEVER_MATERIALIZED;
            break;
          }
          end = end == null || last.get().isBefore(end) ? last.get() : end;
        }
        if (m.cause == null) {
          // A run may cover an interval ending after the request; the store could not hold later values.
          m.materializedUntil = end.isAfter(served) ? served : end;
          pending.add(m);
          times.add(ServingLogRows.micros(m.materializedUntil));
        }
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    long[] at = times.stream().mapToLong(Long::longValue).toArray();
    Object[] offline = recompute.compute(repository, List.of(feature.feature()), layout,
        pending.stream().map(m -> m.row).toList(), at)[0];
    for (int i = 0; i < pending.size(); i++) {
      Mismatch m = pending.get(i);
      m.offlineAtMaterialization = offline[i];
      Object online = m.row.online()[f];
      if (m.row.status()[f] == Status.NOT_FOUND && offline[i] == null) {
        m.cause = MismatchCause.NEVER_MATERIALIZED;
      } else if (ConsistencyTally.same(online, offline[i])) {
        m.cause = MismatchCause.MATERIALIZATION_LAG;
      } else {
        m.cause = MismatchCause.VALUE_DIFFERS;
      }
    }
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L)).plusNanos(Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
