package dev.parity.registry.jdbi;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.internal.RecordChecks;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Push watermarks (registry schema 10): per feature view, the newest event time pushed. A watermark
 * only moves forward: the update is conditional on the stored time being older, so concurrent
 * pushes from several servers leave the newest.
 */
final class WatermarksDao {
  private final Jdbi jdbi;
  private final Clock clock;

  WatermarksDao(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  void advance(String project, Map<String, Instant> eventTimes) {
    RecordChecks.check(project, "project");
    requireNonNull(eventTimes, "eventTimes is null");
    eventTimes.forEach((view, time) -> {
      RecordChecks.check(view, "feature view name");
      requireNonNull(time, "event time of " + view + " is null");
    });
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    eventTimes.forEach((view, time) -> advance(project, view, time.truncatedTo(ChronoUnit.MICROS), now));
  }

  private void advance(String project, String view, Instant time, Instant now) {
    boolean exists = jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM push_watermark "
            + "WHERE project = :project AND view_name = :view")
        .bind("project", project).bind("view", view).mapTo(Long.class).one() > 0);
    if (exists) {
      jdbi.useHandle(handle -> handle.createUpdate("UPDATE push_watermark SET event_time = :time, moved_at = :now "
              + "WHERE project = :project AND view_name = :view AND event_time < :time")
          .bind("time", time).bind("now", now).bind("project", project).bind("view", view).execute());
      return;
    }
    try {
      jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO push_watermark (project, view_name, event_time, "
              + "moved_at) VALUES (:project, :view, :time, :now)")
          .bind("project", project).bind("view", view).bind("time", time).bind("now", now).execute());
    } catch (RuntimeException e) {
      if (!SqlFailures.isUniqueViolation(e)) {
        throw e;
      }
      // Another push inserted it meanwhile: move it forward from there.
      advance(project, view, time, now);
    }
  }

  Map<String, Instant> watermarks(String project) {
    RecordChecks.check(project, "project");
    Map<String, Instant> marks = new TreeMap<>();
    jdbi.useHandle(handle -> handle.createQuery("SELECT view_name, event_time FROM push_watermark "
            + "WHERE project = :project")
        .bind("project", project)
        .map((rows, context) -> marks.put(rows.getString("view_name"), RunsDao.instant(rows, "event_time", context)))
        .forEach(ignored -> { }));
    return Map.copyOf(marks);
  }
}
