package dev.parity.registry.jdbi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.RegistryException;
import dev.parity.registry.internal.RecordChecks;
import dev.parity.registry.metadata.MaterializationRun;
import dev.parity.registry.metadata.RunCounts;
import dev.parity.registry.metadata.RunKind;
import dev.parity.registry.metadata.RunOwner;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.RunSummary;
import dev.parity.registry.metadata.TriggerRun;
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
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Materialization and trigger runs: their lifecycle, listing and interruption; and the jobs
 * cancelled before they ran, which the listing shows as runs of kind {@link RunKind#JOB}.
 */
final class RunsDao {
  private static final String MATERIALIZATION_COLUMNS = "id, project, interval_start, interval_end, status, "
      + "started_at, finished_at, rows_read, rows_written, entities, duration_ms, error";
  private static final String TRIGGER_COLUMNS = "id, project, trigger_name, trigger_kind, reason, status, "
      + "started_at, finished_at, training_set_id, hook_result, error";

  private static final List<String> RUN_TABLES = List.of("materialization_run", "trigger_run");

  private final Jdbi jdbi;
  private final Clock clock;
  private final String ownerId;
  private final RunOwner owner;

  /**
   * @param ownerId this store instance, for {@link #interrupt} of its own runs
   * @param owner this process, recorded on the runs it starts
   */
  RunsDao(Jdbi jdbi, Clock clock, String ownerId, RunOwner owner) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.ownerId = ownerId;
    this.owner = owner;
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
      long runId = bindOwner(handle.createUpdate("INSERT INTO materialization_run (project, interval_start, "
              + "interval_end, status, started_at, rows_read, rows_written, entities, owner_id, owner_host, owner_pid, "
              + "owner_started_at) VALUES (:project, :start, :end, 'RUNNING', :now, 0, 0, 0, :owner, :ownerHost, "
              + ":ownerPid, :ownerStarted)"))
          .bind("project", project).bind("start", start.truncatedTo(ChronoUnit.MICROS))
          .bind("end", end.truncatedTo(ChronoUnit.MICROS)).bind("now", now)
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
    RecordChecks.check(project, "project");
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
    long id = jdbi.withHandle(handle -> bindOwner(handle.createUpdate("INSERT INTO trigger_run (project, "
            + "trigger_name, trigger_kind, reason, status, started_at, owner_id, owner_host, owner_pid, "
            + "owner_started_at) VALUES (:project, :name, :kind, :reason, 'RUNNING', :now, :owner, :ownerHost, "
            + ":ownerPid, :ownerStarted)"))
        .bind("project", project).bind("name", triggerName).bind("kind", triggerKind).bind("reason", reason)
        .bind("now", now)
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
    // A cancelled job never started: it is listed at the time it was submitted.
    String jobs = "SELECT 'JOB' AS kind, j.id, j.project, j.status, j.submitted_at AS started_at, j.finished_at, "
        + "j.error FROM cancelled_job j";
    String union = query.kind().map(k -> switch (k) {
      case MATERIALIZATION -> materializations;
      case TRIGGER -> triggers;
      case JOB -> jobs;
    }).orElse(materializations + " UNION ALL " + triggers + " UNION ALL " + jobs);
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
    if (kind == RunKind.JOB) {
      return handle.createQuery("SELECT job_kind, job_id FROM cancelled_job WHERE id = :id").bind("id", id)
          .map((rows, context) -> jobSubject(rows.getString("job_kind"), rows.getString("job_id"))).one();
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
      for (String table : RUN_TABLES) {
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

  /**
   * Marks {@code INTERRUPTED} the running runs whose owner is gone ({@link RunOwner#isGone}):
   * those started on this host by a process that no longer runs. Each run is updated only if it
   * is still running, so a run its owner finishes meanwhile keeps its outcome.
   */
  int interruptDeadOwners() {
    if (owner.host().isEmpty()) {
      return 0;
    }
    Instant now = now();
    return jdbi.withHandle(handle -> {
      int count = 0;
      for (String table : RUN_TABLES) {
        Map<Long, RunOwner> running = new TreeMap<>();
        handle.createQuery("SELECT id, owner_pid, owner_started_at FROM " + table
                + " WHERE status = 'RUNNING' AND owner_host = :host AND owner_pid IS NOT NULL")
            .bind("host", owner.host())
            .map((rows, context) -> running.put(rows.getLong("id"), new RunOwner(owner.host(), rows.getLong("owner_pid"),
                Optional.ofNullable(instant(rows, "owner_started_at", context)))))
            .forEach(ignored -> { });
        for (Map.Entry<Long, RunOwner> run : running.entrySet()) {
          if (run.getValue().isGone(owner)) {
            count += handle.createUpdate("UPDATE " + table + " SET status = 'INTERRUPTED', finished_at = :now, "
                    + "error = :reason WHERE id = :id AND status = 'RUNNING'")
                .bind("now", now).bind("id", run.getKey())
                .bind("reason", "interrupted: the process running it (" + run.getValue().describe() + ") is gone")
                .execute();
          }
        }
      }
      return count;
    });
  }

  RunSummary recordCancelledJob(String project, String jobId, String jobKind, Instant submittedAt, String reason) {
    RecordChecks.check(project, "project");
    requireText(jobId, "job id", 64);
    requireText(jobKind, "job kind", 32);
    requireText(reason, "reason", Integer.MAX_VALUE);
    requireNonNull(submittedAt, "submittedAt is null");
    Instant now = now();
    Instant submitted = submittedAt.truncatedTo(ChronoUnit.MICROS);
    long id = jdbi.withHandle(handle -> handle.createUpdate("INSERT INTO cancelled_job (project, job_id, job_kind, "
            + "status, submitted_at, finished_at, error) VALUES (:project, :job, :kind, 'CANCELLED', :submitted, :now, "
            + ":reason)")
        .bind("project", project).bind("job", jobId).bind("kind", jobKind).bind("submitted", submitted)
        .bind("now", now).bind("reason", reason)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    return new RunSummary(RunKind.JOB, id, project, jobSubject(jobKind, jobId), RunStatus.CANCELLED, submitted,
        Optional.of(now), Optional.of(reason));
  }

  private static void requireText(String value, String name, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a cancelled job needs a " + name);
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(name + " longer than " + maxLength + " characters: " + value);
    }
  }

  /** {@code materialize job 3-0a1b2c}. */
  private static String jobSubject(String jobKind, String jobId) {
    return jobKind + " job " + jobId;
  }

  <T extends SqlStatement<T>> T bindOwner(T statement) {
    return statement.bind("owner", ownerId).bind("ownerHost", owner.host().isEmpty() ? null : owner.host())
        .bind("ownerPid", owner.pid()).bindByType("ownerStarted", owner.processStart().orElse(null), Instant.class);
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
