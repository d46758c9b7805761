package dev.parity.server.db;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Materialization and trigger runs: their lifecycle, listing and interruption. */
final class RunsDao {
  private static final String MATERIALIZATION_COLUMNS = "id, project, interval_start, interval_end, status, "
      + "started_at, finished_at, rows_read, rows_written, entities, duration_ms, error";
  private static final String TRIGGER_COLUMNS = "id, project, trigger_name, trigger_kind, reason, status, "
      + "started_at, finished_at, training_set_id, hook_result, error";

  private final Jdbi jdbi;
  private final Clock clock;
  private final String ownerId;

  RunsDao(Jdbi jdbi, Clock clock, String ownerId) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.ownerId = ownerId;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  MaterializationRun startMaterialization(String project, Map<String, String> viewVersions, Instant start,
      Instant end) {
    // Validates before writing: the record's checks are the contract.
    new MaterializationRun(1, project, viewVersions, start, end, RunStatus.RUNNING, Instant.EPOCH, Optional.empty(),
        RunCounts.NONE, Optional.empty(), Optional.empty());
    Instant now = now();
    long id = jdbi.inTransaction(handle -> {
      long runId = handle.createUpdate("INSERT INTO materialization_run (project, interval_start, interval_end, "
              + "status, started_at, rows_read, rows_written, entities, owner_id) "
              + "VALUES (:project, :start, :end, 'RUNNING', :now, 0, 0, 0, :owner)")
          .bind("project", project).bind("start", start.truncatedTo(ChronoUnit.MICROS))
          .bind("end", end.truncatedTo(ChronoUnit.MICROS)).bind("now", now).bind("owner", ownerId)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      var batch = handle.prepareBatch("INSERT INTO materialization_run_view (run_id, view_name, view_version) "
          + "VALUES (:id, :view, :version)");
      new TreeMap<>(viewVersions).forEach((view, version) -> batch.bind("id", runId).bind("view", view)
          .bind("version", version).add());
      batch.execute();
      return runId;
    });
    return materialization(id).orElseThrow();
  }

  MaterializationRun finishMaterialization(long id, RunStatus status, RunCounts counts, Optional<String> error) {
    requireFinal(status);
    requireNonNull(counts, "counts is null");
    requireNonNull(error, "error is null");
    if (status == RunStatus.FAILED && error.isEmpty()) {
      throw new IllegalArgumentException("a failed run needs an error");
    }
    Instant now = now();
    jdbi.useTransaction(handle -> {
      Instant started = startedAt(handle, "materialization_run", id);
      int updated = handle.createUpdate("UPDATE materialization_run SET status = :status, finished_at = :now, "
              + "rows_read = :read, rows_written = :written, entities = :entities, duration_ms = :duration, "
              + "error = :error WHERE id = :id AND status = 'RUNNING'")
          .bind("status", status.name()).bind("now", now).bind("read", counts.rowsRead())
          .bind("written", counts.rowsWritten()).bind("entities", counts.entities())
          .bind("duration", Duration.between(started, now).toMillis()).bind("error", error.orElse(null))
          .bind("id", id).execute();
      requireRunning(handle, "materialization_run", id, updated);
    });
    return materialization(id).orElseThrow();
  }

  Optional<MaterializationRun> materialization(long id) {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT " + MATERIALIZATION_COLUMNS
            + " FROM materialization_run WHERE id = :id")
        .bind("id", id).map((rows, context) -> materializationRow(handle, rows, context)).findOne());
  }

  private static MaterializationRun materializationRow(Handle handle, ResultSet rows, StatementContext context)
      throws SQLException {
    long id = rows.getLong("id");
    Map<String, String> views = new HashMap<>();
    handle.createQuery("SELECT view_name, view_version FROM materialization_run_view WHERE run_id = :id")
        .bind("id", id).map((r, c) -> views.put(r.getString("view_name"), r.getString("view_version").strip()))
        .forEach(ignored -> { });
    long duration = rows.getLong("duration_ms");
    Optional<Duration> took = rows.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(duration));
    return new MaterializationRun(id, rows.getString("project"), views, instant(rows, "interval_start", context),
        instant(rows, "interval_end", context), RunStatus.valueOf(rows.getString("status")),
        instant(rows, "started_at", context), Optional.ofNullable(instant(rows, "finished_at", context)),
        new RunCounts(rows.getLong("rows_read"), rows.getLong("rows_written"), rows.getLong("entities")), took,
        Optional.ofNullable(rows.getString("error")));
  }

  Map<String, Instant> lastSuccessfulEnds(String project) {
    Names.check(project, "project");
    Map<String, Instant> ends = new TreeMap<>();
    jdbi.useHandle(handle -> handle.createQuery("SELECT v.view_name, MAX(r.interval_end) AS last_end "
            + "FROM materialization_run r JOIN materialization_run_view v ON v.run_id = r.id "
            + "WHERE r.project = :project AND r.status = 'SUCCEEDED' GROUP BY v.view_name")
        .bind("project", project)
        .map((rows, context) -> ends.put(rows.getString("view_name"), instant(rows, "last_end", context)))
        .forEach(ignored -> { }));
    return Map.copyOf(ends);
  }

  TriggerRun startTrigger(String project, String triggerName, String triggerKind, String reason) {
    new TriggerRun(1, project, triggerName, triggerKind, reason, RunStatus.RUNNING, Instant.EPOCH, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
    Instant now = now();
    long id = jdbi.withHandle(handle -> handle.createUpdate("INSERT INTO trigger_run (project, trigger_name, "
            + "trigger_kind, reason, status, started_at, owner_id) "
            + "VALUES (:project, :name, :kind, :reason, 'RUNNING', :now, :owner)")
        .bind("project", project).bind("name", triggerName).bind("kind", triggerKind).bind("reason", reason)
        .bind("now", now).bind("owner", ownerId)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    return triggerRun(id).orElseThrow();
  }

  TriggerRun finishTrigger(long id, RunStatus status, Optional<Long> trainingSetId, Optional<JsonNode> hookResult,
      Optional<String> error) {
    requireFinal(status);
    requireNonNull(trainingSetId, "trainingSetId is null");
    requireNonNull(hookResult, "hookResult is null");
    requireNonNull(error, "error is null");
    Instant now = now();
    jdbi.useTransaction(handle -> {
      if (trainingSetId.isPresent() && handle.createQuery("SELECT COUNT(*) FROM training_set WHERE id = :id")
          .bind("id", trainingSetId.get()).mapTo(Long.class).one() == 0) {
        throw new RegistryException("training set " + trainingSetId.get() + " does not exist");
      }
      int updated = handle.createUpdate("UPDATE trigger_run SET status = :status, finished_at = :now, "
              + "training_set_id = :trainingSet, hook_result = :hook, error = :error "
              + "WHERE id = :id AND status = 'RUNNING'")
          .bind("status", status.name()).bind("now", now).bind("trainingSet", trainingSetId.orElse(null))
          .bind("hook", hookResult.map(Json::write).orElse(null)).bind("error", error.orElse(null))
          .bind("id", id).execute();
      requireRunning(handle, "trigger_run", id, updated);
    });
    return triggerRun(id).orElseThrow();
  }

  Optional<TriggerRun> triggerRun(long id) {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT " + TRIGGER_COLUMNS + " FROM trigger_run WHERE id = :id")
        .bind("id", id).map((rows, context) -> {
          long trainingSet = rows.getLong("training_set_id");
          Optional<Long> trainingSetId = rows.wasNull() ? Optional.empty() : Optional.of(trainingSet);
          return new TriggerRun(rows.getLong("id"), rows.getString("project"), rows.getString("trigger_name"),
              rows.getString("trigger_kind"), rows.getString("reason"), RunStatus.valueOf(rows.getString("status")),
              instant(rows, "started_at", context), Optional.ofNullable(instant(rows, "finished_at", context)),
              trainingSetId,
              Optional.ofNullable(rows.getString("hook_result")).map(text -> Json.read(text, "hook result")),
              Optional.ofNullable(rows.getString("error")));
        }).findOne());
  }

  List<RunSummary> runs(RunQuery query) {
    requireNonNull(query, "query is null");
    String materializations = "SELECT 'MATERIALIZATION' AS kind, r.id, r.project, r.status, r.started_at, "
        + "r.finished_at, r.error FROM materialization_run r";
    String triggers = "SELECT 'TRIGGER' AS kind, t.id, t.project, t.status, t.started_at, t.finished_at, t.error "
        + "FROM trigger_run t";
    String union = query.kind().map(k -> k == RunKind.MATERIALIZATION ? materializations : triggers)
        .orElse(materializations + " UNION ALL " + triggers);
    StringBuilder sql = new StringBuilder("SELECT * FROM (").append(union).append(") runs WHERE project = :project");
    query.status().ifPresent(s -> sql.append(" AND status = :status"));
    query.startedFrom().ifPresent(s -> sql.append(" AND started_at >= :from"));
    query.startedBefore().ifPresent(s -> sql.append(" AND started_at < :before"));
    sql.append(" ORDER BY started_at DESC, kind, id DESC LIMIT :limit OFFSET :offset");
    return jdbi.withHandle(handle -> {
      var statement = handle.createQuery(sql.toString()).bind("project", query.project())
          .bind("limit", query.limit()).bind("offset", query.offset());
      query.status().ifPresent(s -> statement.bind("status", s.name()));
      query.startedFrom().ifPresent(s -> statement.bind("from", s));
      query.startedBefore().ifPresent(s -> statement.bind("before", s));
      return statement.map((rows, context) -> {
        RunKind kind = RunKind.valueOf(rows.getString("kind").strip());
        long id = rows.getLong("id");
        return new RunSummary(kind, id, rows.getString("project"), subject(handle, kind, id),
            RunStatus.valueOf(rows.getString("status")), instant(rows, "started_at", context),
            Optional.ofNullable(instant(rows, "finished_at", context)), Optional.ofNullable(rows.getString("error")));
      }).list();
    });
  }

  private static String subject(Handle handle, RunKind kind, long id) {
    if (kind == RunKind.TRIGGER) {
      return handle.createQuery("SELECT trigger_name FROM trigger_run WHERE id = :id").bind("id", id)
          .mapTo(String.class).one();
    }
    return String.join(",", handle.createQuery(
            "SELECT view_name FROM materialization_run_view WHERE run_id = :id ORDER BY view_name")
        .bind("id", id).mapTo(String.class).list());
  }

  int interrupt(String reason, boolean onlyOwn) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a reason for interrupting runs is required");
    }
    Instant now = now();
    String where = " WHERE status = 'RUNNING'" + (onlyOwn ? " AND owner_id = :owner" : "");
    return jdbi.inTransaction(handle -> {
      int count = 0;
      for (String table : List.of("materialization_run", "trigger_run")) {
        var update = handle.createUpdate("UPDATE " + table + " SET status = 'INTERRUPTED', finished_at = :now, "
            + "error = :reason" + where).bind("now", now).bind("reason", reason);
        if (onlyOwn) {
          update.bind("owner", ownerId);
        }
        count += update.execute();
      }
      return count;
    });
  }

  private static Instant startedAt(Handle handle, String table, long id) {
    return handle.createQuery("SELECT started_at FROM " + table + " WHERE id = :id").bind("id", id)
        .mapTo(Instant.class).findOne()
        .orElseThrow(() -> new RegistryException(table.replace('_', ' ') + " " + id + " does not exist"));
  }

  private static void requireRunning(Handle handle, String table, long id, int updated) {
    if (updated == 0) {
      String status = handle.createQuery("SELECT status FROM " + table + " WHERE id = :id").bind("id", id)
          .mapTo(String.class).findOne()
          .orElseThrow(() -> new RegistryException(table.replace('_', ' ') + " " + id + " does not exist"));
      throw new RegistryException(table.replace('_', ' ') + " " + id + " is not running (it is " + status + ")");
    }
  }

  private static void requireFinal(RunStatus status) {
    if (status != RunStatus.SUCCEEDED && status != RunStatus.FAILED) {
      throw new IllegalArgumentException("a run finishes as SUCCEEDED or FAILED, not " + status);
    }
  }

  static Instant instant(ResultSet rows, String column, StatementContext context) throws SQLException {
    return context.findColumnMapperFor(Instant.class).orElseThrow().map(rows, column, context);
  }
}
