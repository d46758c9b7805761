package dev.parity.registry.jdbi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.DefinitionRef;
import dev.parity.registry.RegistryException;
import dev.parity.registry.VersionedRef;
import dev.parity.registry.internal.RecordChecks;
import dev.parity.registry.metadata.Lineage;
import dev.parity.registry.metadata.ModelStage;
import dev.parity.registry.metadata.ModelVersion;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.TrainingSet;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Model versions, their stages, and lineage back to the registry definitions. */
final class ModelsDao {
  private static final String COLUMNS = "id, project, name, version, training_set_id, metrics, stage, created_at";

  private final Jdbi jdbi;
  private final Clock clock;
  private final ArtifactsDao artifacts;
  private final DefinitionRecordLoader reader = new DefinitionRecordLoader();

  ModelsDao(Jdbi jdbi, Clock clock, ArtifactsDao artifacts) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.artifacts = artifacts;
  }

  Recorded<ModelVersion> register(String project, String name, String version, long trainingSetId, JsonNode metrics) {
    ModelVersion model = new ModelVersion(project, name, version, trainingSetId, metrics, ModelStage.CANDIDATE);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    jdbi.useTransaction(handle -> {
      if (artifacts.trainingSet(trainingSetId).isEmpty()) {
        throw new RegistryException("training set " + trainingSetId + " does not exist");
      }
      if (find(handle, project, name, version).isPresent()) {
        throw new RegistryException("model " + name + " version " + version + " is already registered");
      }
      ensureModel(handle, project, name);
      handle.createUpdate("INSERT INTO model_version (project, name, version, training_set_id, metrics, stage, "
              + "created_at) VALUES (:project, :name, :version, :trainingSet, :metrics, 'CANDIDATE', :now)")
          .bind("project", project).bind("name", name).bind("version", version).bind("trainingSet", trainingSetId)
          .bind("metrics", Json.write(model.metrics())).bind("now", now).execute();
    });
    return find(project, name, version).orElseThrow();
  }

  private static void ensureModel(Handle handle, String project, String name) {
    boolean exists = handle.createQuery("SELECT COUNT(*) FROM model WHERE project = :project AND name = :name")
        .bind("project", project).bind("name", name).mapTo(Long.class).one() > 0;
    if (!exists) {
      handle.createUpdate("INSERT INTO model (project, name) VALUES (:project, :name)")
          .bind("project", project).bind("name", name).execute();
    }
  }

  Recorded<ModelVersion> setStage(String project, String name, String version, ModelStage stage) {
    RecordChecks.check(project, "project");
    RecordChecks.check(name, "model name");
    RecordChecks.check(version, "model version");
    jdbi.useTransaction(handle -> {
      // Locks the model's row: concurrent promotions of one model queue here, so the
      // archive-previous-then-promote steps below never interleave.
      int locked = handle.createUpdate("UPDATE model SET production_version = production_version "
              + "WHERE project = :project AND name = :name")
          .bind("project", project).bind("name", name).execute();
      if (locked == 0 || find(handle, project, name, version).isEmpty()) {
        throw new RegistryException("model " + name + " version " + version + " is not registered");
      }
      if (stage == ModelStage.PRODUCTION) {
        handle.createUpdate("UPDATE model_version SET stage = 'ARCHIVED' "
                + "WHERE project = :project AND name = :name AND stage = 'PRODUCTION' AND version <> :version")
            .bind("project", project).bind("name", name).bind("version", version).execute();
      }
      handle.createUpdate("UPDATE model_version SET stage = :stage "
              + "WHERE project = :project AND name = :name AND version = :version")
          .bind("stage", stage.name()).bind("project", project).bind("name", name).bind("version", version).execute();
      handle.createUpdate("UPDATE model SET production_version = (SELECT MAX(version) FROM model_version "
              + "WHERE project = :project AND name = :name AND stage = 'PRODUCTION') "
              + "WHERE project = :project AND name = :name")
          .bind("project", project).bind("name", name).execute();
    });
    return find(project, name, version).orElseThrow();
  }

  Optional<Recorded<ModelVersion>> find(String project, String name, String version) {
    return jdbi.withHandle(handle -> find(handle, project, name, version));
  }

  private static Optional<Recorded<ModelVersion>> find(Handle handle, String project, String name, String version) {
    return list(handle, "WHERE project = :project AND name = :name AND version = :version",
        Map.of("project", project, "name", name, "version", version)).stream().findFirst();
  }

  Optional<Recorded<ModelVersion>> production(String project, String name) {
    return jdbi.withHandle(handle -> list(handle, "WHERE project = :project AND name = :name AND stage = 'PRODUCTION'",
        Map.of("project", project, "name", name)).stream().findFirst());
  }

  List<Recorded<ModelVersion>> versions(String project, String name) {
    return jdbi.withHandle(handle -> list(handle, "WHERE project = :project AND name = :name",
        Map.of("project", project, "name", name)));
  }

  private static List<Recorded<ModelVersion>> list(Handle handle, String where, Map<String, Object> binds) {
    return handle.createQuery("SELECT " + COLUMNS + " FROM model_version " + where + " ORDER BY created_at, id")
        .bindMap(binds)
        .map((rows, context) -> new Recorded<>(rows.getLong("id"), RunsDao.instant(rows, "created_at", context),
            new ModelVersion(rows.getString("project"), rows.getString("name"), rows.getString("version"),
                rows.getLong("training_set_id"), Json.read(rows.getString("metrics"), "model metrics"),
                ModelStage.valueOf(rows.getString("stage")))))
        .list();
  }

  Optional<Lineage> lineage(long modelId) {
    return jdbi.withHandle(handle -> {
      Optional<Recorded<ModelVersion>> model = list(handle, "WHERE id = :id", Map.of("id", modelId)).stream()
          .findFirst();
      if (model.isEmpty()) {
        return Optional.empty();
      }
      Recorded<TrainingSet> set = artifacts.trainingSet(model.get().value().trainingSetId()).orElseThrow();
      String project = set.value().project();
      Optional<DefinitionRecord> service = set.value().service().flatMap(s -> atVersion(handle, project, s));
      List<DefinitionRecord> views = new ArrayList<>();
      for (VersionedRef view : set.value().views()) {
        views.add(atVersion(handle, project, view).orElseThrow(() -> new RegistryException(
            "training set " + set.id() + " uses " + view.ref() + " version " + view.version()
                + ", which the registry does not have")));
      }
      return Optional.of(new Lineage(model.get(), set, service, views,
          dependencies(handle, project, views, set.value().registryRevision())));
    });
  }

  private Optional<DefinitionRecord> atVersion(Handle handle, String project, VersionedRef ref) {
    return reader.read(handle, project, "SELECT kind, name, version FROM registry_definition "
        + "WHERE project = :project AND kind = :kind AND name = :name AND version = :version",
        Map.of("kind", ref.kind().id(), "name", ref.name(), "version", ref.version())).stream().findFirst();
  }

  /** What the views use, transitively, as current at {@code revision}; sorted by kind, name. */
  private List<DefinitionRecord> dependencies(Handle handle, String project, List<DefinitionRecord> views,
      long revision) {
    Set<DefinitionRef> seen = new HashSet<>();
    views.forEach(v -> seen.add(v.ref()));
    Deque<DefinitionRef> pending = new ArrayDeque<>();
    views.forEach(v -> pending.addAll(v.dependsOn()));
    List<DefinitionRecord> found = new ArrayList<>();
    while (!pending.isEmpty()) {
      DefinitionRef ref = pending.pop();
      if (!seen.add(ref)) {
        continue;
      }
      reader.read(handle, project, DefinitionRecordLoader.AT_REVISION,
              Map.of("kind", ref.kind().id(), "name", ref.name(), "revision", revision))
          .stream().findFirst().ifPresent(record -> {
            found.add(record);
            pending.addAll(record.dependsOn());
          });
    }
    found.sort((a, b) -> a.ref().compareTo(b.ref()));
    return found;
  }
}
