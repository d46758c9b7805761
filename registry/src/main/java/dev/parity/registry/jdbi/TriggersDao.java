package dev.parity.registry.jdbi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parity.registry.RegistryException;
import dev.parity.registry.internal.RecordChecks;
import dev.parity.registry.metadata.FiringOutcome;
import dev.parity.registry.metadata.FiringRequest;
import dev.parity.registry.metadata.TriggerFiring;
import dev.parity.registry.metadata.TriggerRun;
import dev.parity.registry.metadata.ReportedModel;
import dev.parity.registry.metadata.TriggerRunDetail;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Trigger firings, the one-run-per-trigger lock and what schedulers remember (registry schema 5).
 * A claim locks the trigger's {@code trigger_lock} row ({@code SELECT ... FOR UPDATE}) for its
 * transaction, so claims of one trigger serialise across every server sharing the database: the
 * firing key is checked, the trigger's current run looked at and the run started under that lock.
 */
final class TriggersDao {
  private static final String FIRING_COLUMNS = "id, project, trigger_name, trigger_kind, trigger_version, "
      + "firing_key, reason, fired_at, outcome, run_id, note";

  private final Jdbi jdbi;
  private final Clock clock;
  private final RunsDao runs;

  TriggersDao(Jdbi jdbi, Clock clock, RunsDao runs) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.runs = runs;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private record Lock(Optional<Long> runId) {}

  Optional<TriggerFiring> claim(FiringRequest request) {
    requireNonNull(request, "request is null");
    ensureLockRow(request.project(), request.triggerName());
    Instant now = now();
    Optional<Long> firingId = jdbi.inTransaction(handle -> {
      Lock lock = lock(handle, request.project(), request.triggerName());
      boolean claimed = handle.createQuery("SELECT COUNT(*) FROM trigger_firing WHERE project = :project "
              + "AND trigger_name = :name AND firing_key = :key")
          .bind("project", request.project()).bind("name", request.triggerName()).bind("key", request.firingKey())
          .mapTo(Long.class).one() > 0;
      if (claimed) {
        return Optional.<Long>empty();
      }
      Optional<Long> busy = lock.runId().filter(id -> isRunning(handle, id));
      FiringOutcome outcome = request.skip() ? FiringOutcome.SKIPPED
          : busy.isEmpty() ? FiringOutcome.STARTED
          : request.queueWhenBusy() ? FiringOutcome.QUEUED : FiringOutcome.REFUSED;
      String note = switch (outcome) {
        case QUEUED -> "queued behind run " + busy.orElseThrow();
        case REFUSED -> "refused: run " + busy.orElseThrow() + " of the trigger is in progress";
        default -> null;
      };
      long id = handle.createUpdate("INSERT INTO trigger_firing (project, trigger_name, trigger_kind, "
              + "trigger_version, firing_key, reason, fired_at, outcome, note) VALUES (:project, :name, :kind, "
              + ":version, :key, :reason, :now, :outcome, :note)")
          .bind("project", request.project()).bind("name", request.triggerName())
          .bind("kind", request.triggerKind()).bind("version", request.triggerVersion())
          .bind("key", request.firingKey()).bind("reason", request.reason()).bind("now", now)
          .bind("outcome", outcome.name()).bind("note", note)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      if (outcome == FiringOutcome.STARTED) {
        startRun(handle, id, now);
      }
      return Optional.of(id);
    });
    return firingId.map(id -> firing(id).orElseThrow());
  }

  Optional<TriggerRun> startQueued(String project, String triggerName) {
    RecordChecks.check(project, "project");
    RecordChecks.check(triggerName, "trigger name");
    ensureLockRow(project, triggerName);
    Instant now = now();
    Optional<Long> runId = jdbi.inTransaction(handle -> {
      Lock lock = lock(handle, project, triggerName);
      if (lock.runId().filter(id -> isRunning(handle, id)).isPresent()) {
        return Optional.<Long>empty();
      }
      Optional<Long> queued = handle.createQuery("SELECT id FROM trigger_firing WHERE project = :project "
              + "AND trigger_name = :name AND outcome = 'QUEUED' ORDER BY id LIMIT 1")
          .bind("project", project).bind("name", triggerName).mapTo(Long.class).findOne();
      return queued.map(firing -> startRun(handle, firing, now));
    });
    return runId.map(id -> runs.triggerRun(id).orElseThrow());
  }

  /** Starts the run of firing {@code firingId} (the trigger's lock held) and makes it the trigger's run. */
  private long startRun(Handle handle, long firingId, Instant now) {
    var firing = handle.createQuery("SELECT project, trigger_name, trigger_kind, trigger_version, reason "
            + "FROM trigger_firing WHERE id = :id")
        .bind("id", firingId).mapToMap().one();
    long runId = runs.bindOwner(handle.createUpdate("INSERT INTO trigger_run (project, trigger_name, trigger_kind, "
            + "reason, status, started_at, owner_id, owner_host, owner_pid, owner_started_at, trigger_version, "
            + "firing_id, steps) VALUES (:project, :name, :kind, :reason, 'RUNNING', :now, :owner, :ownerHost, "
            + ":ownerPid, :ownerStarted, :version, :firing, '[]')"))
        .bind("project", (String) firing.get("project")).bind("name", (String) firing.get("trigger_name"))
        .bind("kind", (String) firing.get("trigger_kind")).bind("reason", (String) firing.get("reason"))
        .bind("version", ((String) firing.get("trigger_version")).strip()).bind("firing", firingId).bind("now", now)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    handle.createUpdate("UPDATE trigger_firing SET outcome = 'STARTED', run_id = :run WHERE id = :id")
        .bind("run", runId).bind("id", firingId).execute();
    handle.createUpdate("UPDATE trigger_lock SET run_id = :run WHERE project = :project AND trigger_name = :name")
        .bind("run", runId).bind("project", (String) firing.get("project"))
        .bind("name", (String) firing.get("trigger_name")).execute();
    return runId;
  }

  private static Lock lock(Handle handle, String project, String name) {
    return handle.createQuery("SELECT run_id FROM trigger_lock WHERE project = :project AND trigger_name = :name "
            + "FOR UPDATE")
        .bind("project", project).bind("name", name)
        .map((rows, context) -> {
          long id = rows.getLong("run_id");
          return new Lock(rows.wasNull() ? Optional.empty() : Optional.of(id));
        }).one();
  }

  private static boolean isRunning(Handle handle, long runId) {
    return handle.createQuery("SELECT status FROM trigger_run WHERE id = :id").bind("id", runId)
        .mapTo(String.class).findOne().filter("RUNNING"::equals).isPresent();
  }

  /** Creates the trigger's lock row if it has none; a concurrent creation by another server is fine. */
  private void ensureLockRow(String project, String name) {
    boolean exists = jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM trigger_lock "
            + "WHERE project = :project AND trigger_name = :name")
        .bind("project", project).bind("name", name).mapTo(Long.class).one() > 0);
    if (exists) {
      return;
    }
    try {
      jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO trigger_lock (project, trigger_name) "
          + "VALUES (:project, :name)").bind("project", project).bind("name", name).execute());
    } catch (RuntimeException e) {
      if (!SqlFailures.isUniqueViolation(e)) {
        throw e;
      }
    }
  }

  Optional<TriggerFiring> firing(long id) {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT " + FIRING_COLUMNS + " FROM trigger_firing "
            + "WHERE id = :id").bind("id", id).map(TriggersDao::firingRow).findOne());
  }

  List<TriggerFiring> firings(String project, String triggerName, int limit) {
    RecordChecks.check(project, "project");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    return jdbi.withHandle(handle -> handle.createQuery("SELECT " + FIRING_COLUMNS + " FROM trigger_firing "
            + "WHERE project = :project AND trigger_name = :name ORDER BY id DESC LIMIT :limit")
        .bind("project", project).bind("name", triggerName).bind("limit", limit)
        .map(TriggersDao::firingRow).list());
  }

  private static TriggerFiring firingRow(java.sql.ResultSet rows, org.jdbi.v3.core.statement.StatementContext context)
      throws java.sql.SQLException {
    long run = rows.getLong("run_id");
    Optional<Long> runId = rows.wasNull() ? Optional.empty() : Optional.of(run);
    return new TriggerFiring(rows.getLong("id"), rows.getString("project"), rows.getString("trigger_name"),
        rows.getString("trigger_kind"), rows.getString("trigger_version").strip(), rows.getString("firing_key"),
        rows.getString("reason"), RunsDao.instant(rows, "fired_at", context),
        FiringOutcome.valueOf(rows.getString("outcome")), runId, Optional.ofNullable(rows.getString("note")));
  }

  void recordSteps(long runId, JsonNode steps) {
    requireNonNull(steps, "steps is null");
    if (!steps.isArray()) {
      throw new IllegalArgumentException("steps must be a JSON array");
    }
    jdbi.useHandle(handle -> {
      int updated = handle.createUpdate("UPDATE trigger_run SET steps = :steps WHERE id = :id")
          .bind("steps", Json.write(steps)).bind("id", runId).execute();
      if (updated == 0) {
        throw new RegistryException("trigger run " + runId + " does not exist");
      }
    });
  }

  Optional<TriggerRunDetail> detail(long runId) {
    return runs.triggerRun(runId).map(run -> jdbi.withHandle(handle -> {
      // The link to the model is the training set: a model version names the set it was trained on.
      List<ReportedModel> models = run.trainingSetId().map(set -> handle.createQuery("SELECT name, version, "
              + "created_at FROM model_version WHERE project = :project AND training_set_id = :set ORDER BY id")
          .bind("project", run.project()).bind("set", set)
          .map((rows, context) -> new ReportedModel(rows.getString("name"), rows.getString("version"),
              RunsDao.instant(rows, "created_at", context))).list()).orElse(List.of());
      return handle.createQuery("SELECT trigger_version, firing_id, steps FROM trigger_run WHERE id = :id")
          .bind("id", runId)
          .map((rows, context) -> {
            long firing = rows.getLong("firing_id");
            Optional<Long> firingId = rows.wasNull() ? Optional.empty() : Optional.of(firing);
            String steps = rows.getString("steps");
            return new TriggerRunDetail(run, Optional.ofNullable(rows.getString("trigger_version")).map(String::strip),
                firingId, steps == null ? JsonNodeFactory.instance.arrayNode() : Json.read(steps, "steps"), models);
          }).one();
    }));
  }

  /** The trigger run that built the training set with this id (the first, should there be several). */
  Optional<TriggerRunDetail> runOfTrainingSet(long trainingSetId) {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM trigger_run WHERE training_set_id = :set "
            + "ORDER BY id").bind("set", trainingSetId).mapTo(Long.class).findFirst()).flatMap(this::detail);
  }

  /** The trigger's versions in the registry (registry schema 9), in the order they were first stored. */
  List<dev.parity.registry.metadata.TriggerVersion> versions(String project, String triggerName) {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT version, definition, stored_at FROM registry_definition "
            + "WHERE project = :project AND kind = 'trigger' AND name = :name ORDER BY stored_at, version")
        .bind("project", project).bind("name", triggerName)
        .map((rows, context) -> {
          JsonNode definition = Json.read(rows.getString("definition"), "trigger definition");
          return new dev.parity.registry.metadata.TriggerVersion(project, triggerName,
              rows.getString("version").strip(), definition.path("kind").asText(), definition,
              RunsDao.instant(rows, "stored_at", context));
        })
        .list());
  }

  Optional<JsonNode> state(String project, String triggerName) {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT state FROM trigger_state WHERE project = :project "
            + "AND trigger_name = :name").bind("project", project).bind("name", triggerName)
        .mapTo(String.class).findOne().map(text -> Json.read(text, "trigger state")));
  }

  void saveState(String project, String triggerName, JsonNode state) {
    RecordChecks.check(project, "project");
    RecordChecks.check(triggerName, "trigger name");
    requireNonNull(state, "state is null");
    Instant now = now();
    String text = Json.write(state);
    int updated = jdbi.withHandle(handle -> handle.createUpdate("UPDATE trigger_state SET state = :state, "
            + "updated_at = :now WHERE project = :project AND trigger_name = :name")
        .bind("state", text).bind("now", now).bind("project", project).bind("name", triggerName).execute());
    if (updated > 0) {
      return;
    }
    try {
      jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO trigger_state (project, trigger_name, state, "
              + "updated_at) VALUES (:project, :name, :state, :now)")
          .bind("project", project).bind("name", triggerName).bind("state", text).bind("now", now).execute());
    } catch (RuntimeException e) {
      if (!SqlFailures.isUniqueViolation(e)) {
        throw e;
      }
      // Another server inserted it meanwhile: ours is the later state.
      saveState(project, triggerName, state);
    }
  }
}
