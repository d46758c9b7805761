package dev.parity.reports.consistency;

import dev.parity.reports.consistency.ConsistencyReport.CauseCount;
import dev.parity.reports.consistency.ConsistencyReport.Example;
import dev.parity.reports.consistency.ConsistencyReport.FeatureConsistency;
import dev.parity.reports.consistency.ConsistencyReport.Source;
import dev.parity.reports.consistency.ConsistencyReport.Verdict;
import java.util.List;
import java.util.Map;

/** A hand-written report with every cause, for the rendering tests. */
final class Reports {
  private Reports() {}

  static ConsistencyReport handWritten() {
    Example lag = new Example(Map.of("driver_id", 1001L), "2026-01-31T00:00:00Z", 0.25, "PRESENT", 0.5,
        "2026-01-30T12:00:00Z", 0.25);
    Example ttl = new Example(Map.of("driver_id", 1002L), "2026-01-31T00:00:00Z", null, "OUTSIDE_MAX_AGE", 0.75, null,
        null);
    Example bug = new Example(Map.of("driver_id", 1003L), "2026-01-31T00:00:00Z", 42.0, "PRESENT", 0.5,
        "2026-01-31T00:00:00Z", 0.5);
    Example version = new Example(Map.of("driver_id", 1004L), "2026-01-31T00:00:00Z", null, "VERSION_MISMATCH", 1.5,
        null, null);
    Example never = new Example(Map.of("driver_id", 7777L), "2026-01-31T00:00:00Z", null, "NOT_FOUND", 0.31,
        "2026-01-30T12:00:00Z", null);
    FeatureConsistency conv = new FeatureConsistency("stats:conv_rate", "float64", Verdict.FAIL, 10, 1, 3, 0, 1, 4, 0.4,
        0.3, 0, List.of(
            new CauseCount(MismatchCause.MATERIALIZATION_LAG, "materialization lag", 1, List.of(lag)),
            new CauseCount(MismatchCause.TTL_EXPIRED, "ttl expired", 1, List.of(ttl)),
            new CauseCount(MismatchCause.NEVER_MATERIALIZED, "never materialized", 1, List.of(never)),
            new CauseCount(MismatchCause.VALUE_DIFFERS, "value differs", 1, List.of(bug))));
    FeatureConsistency trips = new FeatureConsistency("stats:trips_log", "float64", Verdict.FAIL, 10, 0, 1, 0, 0, 1,
        0.1, null, 0, List.of(new CauseCount(MismatchCause.DEFINITION_VERSION_DIFFERS, "definition version differs", 1,
            List.of(version))));
    FeatureConsistency vehicle = new FeatureConsistency("stats:vehicle <b>", "string", Verdict.PASS, 10, 2, 0, 0, 0, 0,
        0, null, 2, List.of());
    return new ConsistencyReport("scoring", "2026-01-31T00:00:00Z", new Source("serving_log",
        "serving log /tmp/log, requests in [2026-01-30T00:00:00Z, 2026-01-31T01:00:00Z)", "2026-01-30T00:00:00Z",
        "2026-01-31T01:00:00Z", null), 10, Verdict.FAIL, 2, 0.01, List.of(conv, trips, vehicle));
  }
}
