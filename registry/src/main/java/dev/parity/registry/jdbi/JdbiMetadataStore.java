package dev.parity.registry.jdbi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.internal.RecordChecks;
import dev.parity.registry.metadata.Lineage;
import dev.parity.registry.metadata.MaterializationRun;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.definitions.ModelPolicy;
import dev.parity.registry.metadata.MetricObservation;
import dev.parity.registry.metadata.ModelDecision;
import dev.parity.registry.metadata.ModelStage;
import dev.parity.registry.metadata.ModelVersionDetail;
import dev.parity.registry.metadata.ModelVersion;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.RunCounts;
import dev.parity.registry.metadata.RunOwner;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.RunSummary;
import dev.parity.registry.metadata.SkewReport;
import dev.parity.registry.metadata.TrainingSet;
import dev.parity.registry.metadata.TrainingSetInputs;
import dev.parity.registry.metadata.TriggerRun;
import dev.parity.registry.metadata.ValidationResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link MetadataStore} on Jdbi, split by record family into package-private DAOs. Each instance
 * has its own owner id, stamped on the runs it starts, so {@link #interruptOwnRuns} affects only
 * this instance's runs when several share one database; the runs also record their process
 * ({@link RunOwner}) for {@link #interruptRunsOfDeadProcesses}.
 */
final class JdbiMetadataStore implements MetadataStore {
  private final String url;
  private final Jdbi jdbi;
  private final RunsDao runs;
  private final ArtifactsDao artifacts;
  private final ModelsDao models;
  private final ModelAliasesDao aliases;
  private final TriggersDao triggers;
  private final WatermarksDao watermarks;

  JdbiMetadataStore(Jdbi jdbi, Clock clock, String url, RunOwner owner) {
    this.url = url;
    this.jdbi = jdbi;
    this.runs = new RunsDao(jdbi, clock, UUID.randomUUID().toString(), owner);
    this.artifacts = new ArtifactsDao(jdbi, clock);
    this.models = new ModelsDao(jdbi, clock, artifacts);
    this.aliases = new ModelAliasesDao(jdbi, clock);
    this.triggers = new TriggersDao(jdbi, clock, runs);
    this.watermarks = new WatermarksDao(jdbi, clock);
  }

  @Override
  public MaterializationRun startMaterialization(String project, Map<String, String> viewVersions,
      Instant intervalStart, Instant intervalEnd) {
    return SqlFailures.call(url, () -> runs.startMaterialization(project, viewVersions, intervalStart, intervalEnd));
  }

  @Override
  public MaterializationRun finishMaterialization(long id, RunStatus status, RunCounts counts, Optional<String> error) {
    return SqlFailures.call(url, () -> runs.finishMaterialization(id, status, counts, error));
  }

  @Override
  public Optional<MaterializationRun> materialization(long id) {
    return SqlFailures.call(url, () -> runs.materialization(id));
  }

  @Override
  public Map<String, Instant> lastSuccessfulMaterializationEnds(String project) {
    return SqlFailures.call(url, () -> runs.lastSuccessfulEnds(project));
  }

  @Override
  public void advancePushWatermarks(String project, Map<String, Instant> newestEventTimes) {
    SqlFailures.call(url, () -> {
      watermarks.advance(project, newestEventTimes);
      return null;
    });
  }

  @Override
  public Map<String, Instant> pushWatermarks(String project) {
    return SqlFailures.call(url, () -> watermarks.watermarks(project));
  }

  @Override
  public TriggerRun startTrigger(String project, String triggerName, String triggerKind, String reason) {
    return SqlFailures.call(url, () -> runs.startTrigger(project, triggerName, triggerKind, reason));
  }

  @Override
  public TriggerRun finishTrigger(long id, RunStatus status, Optional<Long> trainingSetId,
      Optional<JsonNode> hookResult, Optional<String> error) {
    return SqlFailures.call(url, () -> runs.finishTrigger(id, status, trainingSetId, hookResult, error));
  }

  @Override
  public Optional<TriggerRun> triggerRun(long id) {
    return SqlFailures.call(url, () -> runs.triggerRun(id));
  }

  @Override
  public Optional<dev.parity.registry.metadata.TriggerFiring> claimFiring(
      dev.parity.registry.metadata.FiringRequest request) {
    return SqlFailures.call(url, () -> triggers.claim(request));
  }

  @Override
  public Optional<TriggerRun> startQueuedFiring(String project, String triggerName) {
    return SqlFailures.call(url, () -> triggers.startQueued(project, triggerName));
  }

  @Override
  public Optional<dev.parity.registry.metadata.TriggerFiring> triggerFiring(long id) {
    return SqlFailures.call(url, () -> triggers.firing(id));
  }

  @Override
  public List<dev.parity.registry.metadata.TriggerFiring> triggerFirings(String project, String triggerName,
      int limit) {
    return SqlFailures.call(url, () -> triggers.firings(project, triggerName, limit));
  }

  @Override
  public void recordTriggerSteps(long runId, JsonNode steps) {
    SqlFailures.call(url, () -> {
      triggers.recordSteps(runId, steps);
      return null;
    });
  }

  @Override
  public Optional<dev.parity.registry.metadata.TriggerRunDetail> triggerRunDetail(long id) {
    return SqlFailures.call(url, () -> triggers.detail(id));
  }

  @Override
  public Optional<dev.parity.registry.metadata.TriggerRunDetail> triggerRunOfTrainingSet(long trainingSetId) {
    return SqlFailures.call(url, () -> triggers.runOfTrainingSet(trainingSetId));
  }

  @Override
  public List<dev.parity.registry.metadata.TriggerVersion> triggerVersions(String project, String triggerName) {
    return SqlFailures.call(url, () -> triggers.versions(project, triggerName));
  }

  @Override
  public Optional<JsonNode> triggerState(String project, String triggerName) {
    return SqlFailures.call(url, () -> triggers.state(project, triggerName));
  }

  @Override
  public void saveTriggerState(String project, String triggerName, JsonNode state) {
    SqlFailures.call(url, () -> {
      triggers.saveState(project, triggerName, state);
      return null;
    });
  }

  @Override
  public List<RunSummary> runs(RunQuery query) {
    return SqlFailures.call(url, () -> runs.runs(query));
  }

  @Override
  public int interruptOwnRuns(String reason) {
    return SqlFailures.call(url, () -> runs.interrupt(reason, true));
  }

  @Override
  public int interruptAllRuns(String reason) {
    return SqlFailures.call(url, () -> runs.interrupt(reason, false));
  }

  @Override
  public int interruptRunsOfDeadProcesses() {
    return SqlFailures.call(url, runs::interruptDeadOwners);
  }

  @Override
  public RunSummary recordCancelledJob(String project, String jobId, String jobKind, Instant submittedAt,
      String reason) {
    return SqlFailures.call(url, () -> runs.recordCancelledJob(project, jobId, jobKind, submittedAt, reason));
  }

  @Override
  public Recorded<TrainingSet> recordTrainingSet(TrainingSet trainingSet, TrainingSetInputs inputs) {
    return SqlFailures.call(url, () -> artifacts.recordTrainingSet(trainingSet, inputs));
  }

  @Override
  public Optional<TrainingSetInputs> trainingSetInputs(long id) {
    return SqlFailures.call(url, () -> artifacts.trainingSetInputs(id));
  }

  @Override
  public Optional<Recorded<TrainingSet>> trainingSet(long id) {
    return SqlFailures.call(url, () -> artifacts.trainingSet(id));
  }

  @Override
  public List<Recorded<TrainingSet>> trainingSets(String project, int limit, int offset) {
    return SqlFailures.call(url, () -> artifacts.trainingSets(project, limit, offset));
  }

  @Override
  public Recorded<ValidationResult> recordValidation(ValidationResult result) {
    return SqlFailures.call(url, () -> artifacts.recordValidation(result));
  }

  @Override
  public Optional<Recorded<ValidationResult>> validation(long id) {
    return SqlFailures.call(url, () -> artifacts.validations("WHERE id = :key", id, 1, 0).stream().findFirst());
  }

  @Override
  public List<Recorded<ValidationResult>> validations(String project, int limit, int offset) {
    RecordChecks.check(project, "project");
    return SqlFailures.call(url, () -> artifacts.validations("WHERE project = :key", project, limit, offset));
  }

  @Override
  public Recorded<SkewReport> recordSkewReport(SkewReport report) {
    return SqlFailures.call(url, () -> artifacts.recordSkewReport(report));
  }

  @Override
  public Optional<Recorded<SkewReport>> skewReport(long id) {
    return SqlFailures.call(url, () -> artifacts.skewReports("WHERE id = :key", id, 1, 0).stream().findFirst());
  }

  @Override
  public List<Recorded<SkewReport>> skewReports(String project, int limit, int offset) {
    RecordChecks.check(project, "project");
    return SqlFailures.call(url, () -> artifacts.skewReports("WHERE project = :key", project, limit, offset));
  }

  @Override
  public List<Recorded<SkewReport>> skewReports(String project, String service, int limit, int offset) {
    RecordChecks.check(project, "project");
    RecordChecks.check(service, "feature service");
    return SqlFailures.call(url, () -> artifacts.skewReports("WHERE project = :project AND service = :service",
        Map.of("project", project, "service", service), limit, offset));
  }

  @Override
  public Recorded<ModelVersion> registerModel(String project, String name, String version, long trainingSetId,
      JsonNode metrics) {
    return SqlFailures.call(url, () -> models.register(project, name, version, trainingSetId, metrics));
  }

  @Override
  public Recorded<ModelVersion> promote(String project, String name, String version) {
    return SqlFailures.call(url, () -> models.setStage(project, name, version, ModelStage.PRODUCTION));
  }

  @Override
  public Recorded<ModelVersion> archive(String project, String name, String version) {
    return SqlFailures.call(url, () -> models.setStage(project, name, version, ModelStage.ARCHIVED));
  }

  @Override
  public Optional<Recorded<ModelVersion>> model(String project, String name, String version) {
    return SqlFailures.call(url, () -> models.find(project, name, version));
  }

  @Override
  public Optional<Recorded<ModelVersion>> productionModel(String project, String name) {
    return SqlFailures.call(url, () -> models.production(project, name));
  }

  @Override
  public List<Recorded<ModelVersion>> modelVersions(String project, String name) {
    return SqlFailures.call(url, () -> models.versions(project, name));
  }

  @Override
  public Optional<Lineage> lineage(long modelId) {
    return SqlFailures.call(url, () -> models.lineage(modelId));
  }

  @Override
  public ModelVersionDetail registerModelVersion(String project, String name, String version, long trainingSetId,
      Optional<String> artifactUri, Map<String, Double> metrics) {
    return SqlFailures.call(url, () -> aliases.register(project, name, version, trainingSetId, artifactUri, metrics));
  }

  @Override
  public ModelVersionDetail observeMetrics(String project, String name, String version,
      List<MetricObservation> observations) {
    return SqlFailures.call(url, () -> aliases.observe(project, name, version, observations));
  }

  @Override
  public List<String> modelNames(String project) {
    return SqlFailures.call(url, () -> aliases.names(project));
  }

  @Override
  public List<ModelVersionDetail> modelVersionDetails(String project, String name) {
    return SqlFailures.call(url, () -> aliases.details(project, name));
  }

  @Override
  public Map<String, String> modelAliases(String project, String name) {
    return SqlFailures.call(url, () -> aliases.aliases(project, name));
  }

  @Override
  public Recorded<ModelDecision> promoteAlias(String project, String name, String version, String alias,
      String principal, ModelPolicy policy) {
    return SqlFailures.call(url, () -> aliases.promote(project, name, version, alias, principal, policy));
  }

  @Override
  public Recorded<ModelDecision> rollbackAlias(String project, String name, String alias, String principal) {
    return SqlFailures.call(url, () -> aliases.rollback(project, name, alias, principal));
  }

  @Override
  public List<Recorded<ModelDecision>> modelDecisions(String project, String name) {
    return SqlFailures.call(url, () -> aliases.decisions(project, name));
  }

  @Override
  public void recordDecisionHooks(long decisionId, JsonNode deliveries) {
    java.util.Objects.requireNonNull(deliveries, "deliveries is null");
    if (!deliveries.isArray()) {
      throw new IllegalArgumentException("deliveries must be a JSON array");
    }
    SqlFailures.call(url, () -> {
      int updated = jdbi.withHandle(handle -> handle.createUpdate("UPDATE model_decision SET hook_deliveries = "
          + ":deliveries WHERE id = :id").bind("deliveries", Json.write(deliveries)).bind("id", decisionId).execute());
      if (updated == 0) {
        throw new dev.parity.registry.RegistryException("model decision " + decisionId + " does not exist");
      }
      return null;
    });
  }

  @Override
  public Optional<JsonNode> decisionHooks(long decisionId) {
    return SqlFailures.call(url, () -> jdbi.withHandle(handle -> handle.createQuery("SELECT hook_deliveries FROM "
            + "model_decision WHERE id = :id").bind("id", decisionId).mapTo(String.class).findFirst())
        .map(text -> Json.read(text, "hook deliveries")));
  }
}
