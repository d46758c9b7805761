package dev.parity.registry.jdbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.definitions.GateResult;
import dev.parity.definitions.ModelPolicy;
import dev.parity.registry.internal.RecordChecks;
import dev.parity.registry.metadata.DecisionAction;
import dev.parity.registry.metadata.MetricObservation;
import dev.parity.registry.metadata.ModelDecision;
import dev.parity.registry.metadata.ModelNotFoundException;
import dev.parity.registry.metadata.ModelStage;
import dev.parity.registry.metadata.ModelVersion;
import dev.parity.registry.metadata.ModelVersionDetail;
import dev.parity.registry.metadata.ModelVersionExistsException;
import dev.parity.registry.metadata.PromotionRefusedException;
import dev.parity.registry.metadata.Recorded;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The model registry of the training loop: versions with artifact and metric observations,
 * aliases, and the decisions that moved them. Every alias move locks the model's row first (the
 * V2 "promotions lock"), so two promotions of one model serialise on H2 and PostgreSQL alike and
 * each sees the champion the other left.
 */
final class ModelAliasesDao {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Jdbi jdbi;
  private final Clock clock;

  ModelAliasesDao(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  ModelVersionDetail register(String project, String name, String version, long trainingSetId,
      Optional<String> artifactUri, Map<String, Double> metrics) {
    ObjectNode json = NODES.objectNode();
    new TreeMap<>(metrics).forEach(json::put);
    new ModelVersion(project, name, version, trainingSetId, json, ModelStage.CANDIDATE);
    Instant now = now();
    List<MetricObservation> observations = metrics.entrySet().stream()
        .map(e -> new MetricObservation(e.getKey(), e.getValue(), now)).toList();
    artifactUri.ifPresent(uri -> {
      if (uri.isBlank() || uri.length() > 4096) {
        throw new IllegalArgumentException("artifact URI must be 1 to 4096 characters");
      }
    });
    // Check-then-insert races with a concurrent registration of the same model: the loser's insert
    // violates the model's or the version's key. Once the winner committed, the next attempt's
    // check sees it: this version is refused by name, another version of a new model goes in.
    for (int attempt = 1; ; attempt++) {
      try {
        insertVersion(project, name, version, trainingSetId, artifactUri, json, observations, now);
        break;
      } catch (RuntimeException e) {
        if (attempt == 3 || !SqlFailures.isUniqueViolation(e)) {
          throw e;
        }
      }
    }
    return detail(project, name, version).orElseThrow();
  }

  private void insertVersion(String project, String name, String version, long trainingSetId,
      Optional<String> artifactUri, ObjectNode json, List<MetricObservation> observations, Instant now) {
    jdbi.useTransaction(handle -> {
      boolean setExists = handle.createQuery("SELECT COUNT(*) FROM training_set WHERE id = :id AND project = :project")
          .bind("id", trainingSetId).bind("project", project).mapTo(Long.class).one() > 0;
      if (!setExists) {
        throw new ModelNotFoundException("training set " + trainingSetId + " does not exist in project '"
            + project + "'");
      }
      if (versionId(handle, project, name, version).isPresent()) {
        throw new ModelVersionExistsException("model " + name + " version " + version + " is already registered");
      }
      if (handle.createQuery("SELECT COUNT(*) FROM model WHERE project = :project AND name = :name")
          .bind("project", project).bind("name", name).mapTo(Long.class).one() == 0) {
        handle.createUpdate("INSERT INTO model (project, name) VALUES (:project, :name)")
            .bind("project", project).bind("name", name).execute();
      }
      handle.createUpdate("INSERT INTO model_version (project, name, version, training_set_id, metrics, stage, "
              + "created_at, artifact_uri) VALUES (:project, :name, :version, :set, :metrics, 'CANDIDATE', :now, :uri)")
          .bind("project", project).bind("name", name).bind("version", version).bind("set", trainingSetId)
          .bind("metrics", Json.write(json)).bind("now", now).bind("uri", artifactUri.orElse(null)).execute();
      insertObservations(handle, versionId(handle, project, name, version).orElseThrow(), observations, now);
    });
  }

  ModelVersionDetail observe(String project, String name, String version, List<MetricObservation> observations) {
    if (observations.isEmpty()) {
      throw new IllegalArgumentException("no metric observations given");
    }
    jdbi.useTransaction(handle -> insertObservations(handle, requireVersion(handle, project, name, version),
        observations, now()));
    return detail(project, name, version).orElseThrow();
  }

  private static void insertObservations(Handle handle, long versionId, List<MetricObservation> observations,
      Instant now) {
    for (MetricObservation o : observations) {
      handle.createUpdate("INSERT INTO model_metric (model_version_id, metric, metric_value, observed_at, "
              + "recorded_at) VALUES (:id, :metric, :value, :observed, :now)")
          .bind("id", versionId).bind("metric", o.metric()).bind("value", o.value())
          .bind("observed", o.observedAt().truncatedTo(ChronoUnit.MICROS)).bind("now", now).execute();
    }
  }

  private static Optional<Long> versionId(Handle handle, String project, String name, String version) {
    return handle.createQuery("SELECT id FROM model_version WHERE project = :project AND name = :name "
            + "AND version = :version")
        .bind("project", project).bind("name", name).bind("version", version).mapTo(Long.class).findOne();
  }

  private static long requireVersion(Handle handle, String project, String name, String version) {
    return versionId(handle, project, name, version).orElseThrow(() -> new ModelNotFoundException(
        "model " + name + " has no version " + version));
  }

  Optional<ModelVersionDetail> detail(String project, String name, String version) {
    return jdbi.withHandle(handle -> detail(handle, project, name, version));
  }

  private static Optional<ModelVersionDetail> detail(Handle handle, String project, String name, String version) {
    return details(handle, project, name).stream().filter(d -> d.version().value().version().equals(version))
        .findFirst();
  }

  List<String> names(String project) {
    RecordChecks.check(project, "project");
    return jdbi.withHandle(handle -> handle.createQuery("SELECT name FROM model WHERE project = :project ORDER BY name")
        .bind("project", project).mapTo(String.class).list());
  }

  /** Every version of the model, oldest first; empty if the model is unknown. */
  List<ModelVersionDetail> details(String project, String name) {
    RecordChecks.check(project, "project");
    RecordChecks.check(name, "model name");
    return jdbi.withHandle(handle -> details(handle, project, name));
  }

  private static List<ModelVersionDetail> details(Handle handle, String project, String name) {
    Map<String, List<String>> aliases = new TreeMap<>();
    aliases(handle, project, name).forEach((alias, version) ->
        aliases.computeIfAbsent(version, v -> new ArrayList<>()).add(alias));
    return handle.createQuery("SELECT id, version, training_set_id, metrics, stage, created_at, artifact_uri "
            + "FROM model_version WHERE project = :project AND name = :name ORDER BY created_at, id")
        .bind("project", project).bind("name", name)
        .map((rows, context) -> {
          long id = rows.getLong("id");
          String version = rows.getString("version");
          Recorded<ModelVersion> recorded = new Recorded<>(id, RunsDao.instant(rows, "created_at", context),
              new ModelVersion(project, name, version, rows.getLong("training_set_id"),
                  Json.read(rows.getString("metrics"), "model metrics"), ModelStage.valueOf(rows.getString("stage"))));
          return new VersionRow(recorded, Optional.ofNullable(rows.getString("artifact_uri")));
        })
        .list().stream()
        .map(row -> new ModelVersionDetail(row.recorded(), row.artifactUri(), observations(handle, row.recorded().id()),
            aliases.getOrDefault(row.recorded().value().version(), List.of())))
        .toList();
  }

  private record VersionRow(Recorded<ModelVersion> recorded, Optional<String> artifactUri) {}

  private static List<MetricObservation> observations(Handle handle, long versionId) {
    return handle.createQuery("SELECT metric, metric_value, observed_at FROM model_metric "
            + "WHERE model_version_id = :id ORDER BY observed_at, id")
        .bind("id", versionId)
        .map((rows, context) -> new MetricObservation(rows.getString("metric"), rows.getDouble("metric_value"),
            RunsDao.instant(rows, "observed_at", context)))
        .list();
  }

  /** Alias to the version holding it, sorted by alias. */
  Map<String, String> aliases(String project, String name) {
    return jdbi.withHandle(handle -> aliases(handle, project, name));
  }

  private static Map<String, String> aliases(Handle handle, String project, String name) {
    Map<String, String> aliases = new TreeMap<>();
    handle.createQuery("SELECT alias, version FROM model_alias WHERE project = :project AND name = :name")
        .bind("project", project).bind("name", name)
        .map((rows, context) -> Map.entry(rows.getString("alias"), rows.getString("version")))
        .forEach(e -> aliases.put(e.getKey(), e.getValue()));
    return aliases;
  }

  /**
   * Checks the policy's gates for {@code version} taking {@code alias} and records the decision;
   * moves the alias if every gate passed, else throws {@link PromotionRefusedException} after the
   * refusal is committed.
   */
  Recorded<ModelDecision> promote(String project, String name, String version, String alias, String principal,
      ModelPolicy policy) {
    ModelPolicy.checkAlias(alias);
    RecordChecks.check(principal, "principal");
    Recorded<ModelDecision> decision = jdbi.inTransaction(handle -> {
      lock(handle, project, name);
      requireVersion(handle, project, name, version);
      Map<String, Double> candidate = detail(handle, project, name, version).orElseThrow().latestMetrics();
      Map<String, String> aliases = aliases(handle, project, name);
      Optional<Map<String, Double>> champion = Optional.ofNullable(aliases.get(ModelPolicy.CHAMPION))
          .map(v -> detail(handle, project, name, v).orElseThrow().latestMetrics());
      List<GateResult> gates = policy.check(candidate, champion);
      boolean accepted = gates.stream().allMatch(GateResult::passed);
      Optional<String> previous = Optional.ofNullable(aliases.get(alias));
      ModelDecision d = new ModelDecision(name, alias, DecisionAction.PROMOTE, version, previous, accepted, principal,
          now(), candidate, gates);
      if (accepted) {
        setAlias(handle, project, name, alias, version, previous.isPresent(), d.decidedAt());
      }
      return insert(handle, project, d);
    });
    if (!decision.value().accepted()) {
      throw new PromotionRefusedException(decision);
    }
    return decision;
  }

  /** Moves the alias back to the version that held it before its holder was promoted. */
  Recorded<ModelDecision> rollback(String project, String name, String alias, String principal) {
    ModelPolicy.checkAlias(alias);
    RecordChecks.check(principal, "principal");
    return jdbi.inTransaction(handle -> {
      lock(handle, project, name);
      String current = Optional.ofNullable(aliases(handle, project, name).get(alias)).orElseThrow(
          () -> new ModelNotFoundException("no version of model " + name + " holds alias '" + alias + "'"));
      Optional<String> previous = handle.createQuery("SELECT previous_version FROM model_decision "
              + "WHERE project = :project AND name = :name AND alias = :alias AND action = 'PROMOTE' "
              + "AND accepted = TRUE AND version = :version ORDER BY decided_at DESC, id DESC")
          .bind("project", project).bind("name", name).bind("alias", alias).bind("version", current)
          .map((rows, context) -> Optional.ofNullable(rows.getString("previous_version")))
          .findFirst().flatMap(p -> p);
      String target = previous.orElseThrow(() -> new PromotionRefusedException("alias '" + alias + "' of model "
          + name + " has no previous holder to roll back to (version " + current + " was its first)"));
      ModelDecision d = new ModelDecision(name, alias, DecisionAction.ROLLBACK, target, Optional.of(current), true,
          principal, now(), detail(handle, project, name, target).orElseThrow().latestMetrics(), List.of());
      setAlias(handle, project, name, alias, target, true, d.decidedAt());
      return insert(handle, project, d);
    });
  }

  /** Locks the model's row; concurrent alias moves of one model queue here until commit. */
  private static void lock(Handle handle, String project, String name) {
    int locked = handle.createUpdate("UPDATE model SET production_version = production_version "
            + "WHERE project = :project AND name = :name")
        .bind("project", project).bind("name", name).execute();
    if (locked == 0) {
      throw new ModelNotFoundException("model " + name + " is not registered");
    }
  }

  private static void setAlias(Handle handle, String project, String name, String alias, String version,
      boolean exists, Instant now) {
    String sql = exists
        ? "UPDATE model_alias SET version = :version, updated_at = :now "
            + "WHERE project = :project AND name = :name AND alias = :alias"
        : "INSERT INTO model_alias (project, name, alias, version, updated_at) "
            + "VALUES (:project, :name, :alias, :version, :now)";
    handle.createUpdate(sql).bind("project", project).bind("name", name).bind("alias", alias)
        .bind("version", version).bind("now", now).execute();
  }

  private static Recorded<ModelDecision> insert(Handle handle, String project, ModelDecision d) {
    ObjectNode metrics = NODES.objectNode();
    new TreeMap<>(d.metrics()).forEach(metrics::put);
    ArrayNode gates = NODES.arrayNode();
    d.gates().forEach(g -> gates.addObject().put("gate", g.gate()).put("passed", g.passed())
        .put("detail", g.detail()));
    long id = handle.createUpdate("INSERT INTO model_decision (project, name, alias, action, version, "
            + "previous_version, accepted, principal, decided_at, metrics, gates) VALUES (:project, :name, :alias, "
            + ":action, :version, :previous, :accepted, :principal, :at, :metrics, :gates)")
        .bind("project", project).bind("name", d.model()).bind("alias", d.alias()).bind("action", d.action().name())
        .bind("version", d.version()).bind("previous", d.previousVersion().orElse(null))
        .bind("accepted", d.accepted()).bind("principal", d.principal()).bind("at", d.decidedAt())
        .bind("metrics", Json.write(metrics)).bind("gates", Json.write(gates))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    return new Recorded<>(id, d.decidedAt(), d);
  }

  /** Every decision about the model's aliases, oldest first. */
  List<Recorded<ModelDecision>> decisions(String project, String name) {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT id, alias, action, version, previous_version, "
            + "accepted, principal, decided_at, metrics, gates FROM model_decision "
            + "WHERE project = :project AND name = :name ORDER BY decided_at, id")
        .bind("project", project).bind("name", name)
        .map((rows, context) -> {
          Instant at = RunsDao.instant(rows, "decided_at", context);
          Map<String, Double> metrics = new TreeMap<>();
          Json.read(rows.getString("metrics"), "decision metrics").fields()
              .forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
          List<GateResult> gates = new ArrayList<>();
          for (JsonNode g : Json.read(rows.getString("gates"), "decision gates")) {
            gates.add(new GateResult(g.path("gate").asText(), g.path("passed").asBoolean(), g.path("detail").asText()));
          }
          return new Recorded<>(rows.getLong("id"), at, new ModelDecision(name, rows.getString("alias"),
              DecisionAction.valueOf(rows.getString("action")), rows.getString("version"),
              Optional.ofNullable(rows.getString("previous_version")), rows.getBoolean("accepted"),
              rows.getString("principal"), at, metrics, gates));
        })
        .list());
  }
}
