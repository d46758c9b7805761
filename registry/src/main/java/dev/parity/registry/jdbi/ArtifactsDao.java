package dev.parity.registry.jdbi;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.DefinitionKind;
import dev.parity.registry.VersionedRef;
import dev.parity.registry.internal.RecordChecks;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.SkewReport;
import dev.parity.registry.metadata.TrainingSet;
import dev.parity.registry.metadata.TrainingSetInputs;
import dev.parity.registry.metadata.ValidationResult;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Training sets, validation results and skew reports: written once, then only read. */
final class ArtifactsDao {
  private static final String TRAINING_SET_COLUMNS = "id, project, created_at, entity_fingerprint, service_name, "
      + "service_version, registry_revision, as_of_created, output_path, row_count, statistics";

  private final Jdbi jdbi;
  private final Clock clock;

  ArtifactsDao(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  Recorded<TrainingSet> recordTrainingSet(TrainingSet set, TrainingSetInputs inputs) {
    requireNonNull(set, "training set is null");
    requireNonNull(inputs, "inputs is null");
    Instant now = now();
    long id = jdbi.inTransaction(handle -> {
      long setId = handle.createUpdate("INSERT INTO training_set (project, created_at, entity_fingerprint, "
              + "service_name, service_version, registry_revision, as_of_created, output_path, row_count, statistics) "
              + "VALUES (:project, :now, :fingerprint, :serviceName, :serviceVersion, :revision, :asOf, :path, "
              + ":rows, :statistics)")
          .bind("project", set.project()).bind("now", now).bind("fingerprint", set.entityTableFingerprint())
          .bind("serviceName", set.service().map(VersionedRef::name).orElse(null))
          .bind("serviceVersion", set.service().map(VersionedRef::version).orElse(null))
          .bind("revision", set.registryRevision())
          .bind("asOf", set.asOfCreated().map(t -> t.truncatedTo(ChronoUnit.MICROS)).orElse(null))
          .bind("path", set.outputPath()).bind("rows", set.rowCount()).bind("statistics", Json.write(set.statistics()))
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      var batch = handle.prepareBatch("INSERT INTO training_set_view (training_set_id, kind, view_name, view_version) "
          + "VALUES (:id, :kind, :name, :version)");
      for (VersionedRef view : set.views()) {
        batch.bind("id", setId).bind("kind", view.kind().id()).bind("name", view.name())
            .bind("version", view.version()).add();
      }
      batch.execute();
      recordInputs(handle, setId, inputs);
      return setId;
    });
    return trainingSet(id).orElseThrow();
  }

  private static void recordInputs(Handle handle, long setId, TrainingSetInputs inputs) {
    if (inputs.eventsFrom().isPresent()) {
      handle.createUpdate("UPDATE training_set SET events_from = :from, events_to = :to WHERE id = :id")
          .bind("from", inputs.eventsFrom().get().truncatedTo(ChronoUnit.MICROS))
          .bind("to", inputs.eventsTo().orElseThrow().truncatedTo(ChronoUnit.MICROS)).bind("id", setId).execute();
    }
    if (inputs.sourceFiles().isEmpty()) {
      return;
    }
    var files = handle.prepareBatch("INSERT INTO training_set_source_file (training_set_id, file_index, source_name, "
        + "path, size_bytes, modified_at) VALUES (:id, :index, :source, :path, :size, :modified)");
    int index = 0;
    for (TrainingSetInputs.SourceFile file : inputs.sourceFiles()) {
      files.bind("id", setId).bind("index", index++).bind("source", file.source()).bind("path", file.path())
          .bind("size", file.sizeBytes()).bind("modified", file.modifiedAt().truncatedTo(ChronoUnit.MICROS)).add();
    }
    files.execute();
  }

  Optional<TrainingSetInputs> trainingSetInputs(long id) {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT events_from, events_to FROM training_set WHERE id = :id")
        .bind("id", id)
        .map((rows, context) -> new Range(Optional.ofNullable(RunsDao.instant(rows, "events_from", context)),
            Optional.ofNullable(RunsDao.instant(rows, "events_to", context))))
        .findOne()
        .map(range -> new TrainingSetInputs(range.from(), range.to(), handle.createQuery(
                "SELECT source_name, path, size_bytes, modified_at FROM training_set_source_file "
                    + "WHERE training_set_id = :id ORDER BY file_index")
            .bind("id", id)
            .map((rows, context) -> new TrainingSetInputs.SourceFile(rows.getString("source_name"),
                rows.getString("path"), rows.getLong("size_bytes"), RunsDao.instant(rows, "modified_at", context)))
            .list())));
  }

  private record Range(Optional<Instant> from, Optional<Instant> to) {}

  Optional<Recorded<TrainingSet>> trainingSet(long id) {
    return jdbi.withHandle(handle -> trainingSets(handle, "WHERE id = :id", id, 1, 0).stream().findFirst());
  }

  List<Recorded<TrainingSet>> trainingSets(String project, int limit, int offset) {
    RecordChecks.check(project, "project");
    checkPage(limit, offset);
    return jdbi.withHandle(handle -> trainingSets(handle, "WHERE project = :key", project, limit, offset));
  }

  private static List<Recorded<TrainingSet>> trainingSets(Handle handle, String where, Object key, int limit,
      int offset) {
    List<Recorded<TrainingSet>> sets = new ArrayList<>();
    handle.createQuery("SELECT " + TRAINING_SET_COLUMNS + " FROM training_set " + where
            + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
        .bind("id", key).bind("key", key).bind("limit", limit).bind("offset", offset)
        .map((rows, context) -> {
          long id = rows.getLong("id");
          List<VersionedRef> views = handle.createQuery("SELECT kind, view_name, view_version FROM training_set_view "
                  + "WHERE training_set_id = :id ORDER BY kind, view_name")
              .bind("id", id)
              .map((r, c) -> new VersionedRef(DefinitionKind.fromId(r.getString("kind")), r.getString("view_name"),
                  r.getString("view_version").strip()))
              .list();
          String serviceName = rows.getString("service_name");
          Optional<VersionedRef> service = serviceName == null ? Optional.empty()
              : Optional.of(new VersionedRef(DefinitionKind.FEATURE_SERVICE, serviceName,
                  rows.getString("service_version").strip()));
          TrainingSet set = new TrainingSet(rows.getString("project"), rows.getString("entity_fingerprint"), service,
              views, rows.getLong("registry_revision"),
              Optional.ofNullable(RunsDao.instant(rows, "as_of_created", context)), rows.getString("output_path"),
              rows.getLong("row_count"), Json.read(rows.getString("statistics"), "training set statistics"));
          return new Recorded<>(id, RunsDao.instant(rows, "created_at", context), set);
        })
        .forEach(sets::add);
    return sets;
  }

  Recorded<ValidationResult> recordValidation(ValidationResult result) {
    requireNonNull(result, "validation result is null");
    Instant now = now();
    long id = jdbi.withHandle(handle -> handle.createUpdate("INSERT INTO validation_result "
            + "(project, created_at, target, passed, report) VALUES (:project, :now, :target, :passed, :report)")
        .bind("project", result.project()).bind("now", now).bind("target", result.target())
        .bind("passed", result.passed()).bind("report", Json.write(result.report()))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    return new Recorded<>(id, now, result);
  }

  List<Recorded<ValidationResult>> validations(String where, Object key, int limit, int offset) {
    checkPage(limit, offset);
    return jdbi.withHandle(handle -> handle.createQuery("SELECT id, project, created_at, target, passed, report "
            + "FROM validation_result " + where + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
        .bind("key", key).bind("limit", limit).bind("offset", offset)
        .map((rows, context) -> new Recorded<>(rows.getLong("id"), RunsDao.instant(rows, "created_at", context),
            new ValidationResult(rows.getString("project"), rows.getString("target"), rows.getBoolean("passed"),
                Json.read(rows.getString("report"), "validation report"))))
        .list());
  }

  Recorded<SkewReport> recordSkewReport(SkewReport report) {
    requireNonNull(report, "skew report is null");
    Instant now = now();
    long id = jdbi.withHandle(handle -> handle.createUpdate("INSERT INTO skew_report "
            + "(project, created_at, kind, inputs, report, max_metric, service, service_version, training_set_id, "
            + "range_from, range_to, verdict) "
            + "VALUES (:project, :now, :kind, :inputs, :report, :max, :service, :version, :trainingSet, :from, :to, "
            + ":verdict)")
        .bind("project", report.project()).bind("now", now).bind("kind", report.kind())
        .bind("inputs", Json.write(report.inputs())).bind("report", Json.write(report.report()))
        .bind("max", report.maxMetric()).bind("service", report.service().orElse(null))
        .bind("version", report.serviceVersion().orElse(null))
        .bind("trainingSet", report.trainingSetId().orElse(null))
        .bind("from", report.rangeFrom().orElse(null)).bind("to", report.rangeTo().orElse(null))
        .bind("verdict", report.verdict().orElse(null))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    return new Recorded<>(id, now, report);
  }

  List<Recorded<SkewReport>> skewReports(String where, Object key, int limit, int offset) {
    return skewReports(where, Map.of("key", key), limit, offset);
  }

  List<Recorded<SkewReport>> skewReports(String where, Map<String, Object> keys, int limit, int offset) {
    checkPage(limit, offset);
    return jdbi.withHandle(handle -> handle.createQuery("SELECT id, project, created_at, kind, inputs, report, "
            + "max_metric, service, service_version, training_set_id, range_from, range_to, verdict FROM skew_report "
            + where + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
        .bindMap(keys).bind("limit", limit).bind("offset", offset)
        .map((rows, context) -> {
          long trainingSet = rows.getLong("training_set_id");
          Optional<Long> trainingSetId = rows.wasNull() ? Optional.empty() : Optional.of(trainingSet);
          return new Recorded<>(rows.getLong("id"), RunsDao.instant(rows, "created_at", context),
              new SkewReport(rows.getString("project"), rows.getString("kind"),
                  Json.read(rows.getString("inputs"), "skew report inputs"),
                  Json.read(rows.getString("report"), "skew report"), rows.getDouble("max_metric"),
                  Optional.ofNullable(rows.getString("service")), Optional.ofNullable(rows.getString("service_version")),
                  trainingSetId, Optional.ofNullable(RunsDao.instant(rows, "range_from", context)),
                  Optional.ofNullable(RunsDao.instant(rows, "range_to", context)),
                  Optional.ofNullable(rows.getString("verdict"))));
        })
        .list());
  }

  static void checkPage(int limit, int offset) {
    if (limit < 1 || limit > RunQuery.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + RunQuery.MAX_LIMIT + ", got " + limit);
    }
    RecordChecks.checkNotNegative(offset, "offset");
  }
}
