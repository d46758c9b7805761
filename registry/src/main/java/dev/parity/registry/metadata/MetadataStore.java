package dev.parity.registry.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.definitions.ModelPolicy;
import dev.parity.registry.RegistryException;
import dev.parity.registry.RegistryUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ML metadata store: materialization runs, training sets, validation results,
 * skew and consistency reports, trigger runs and models, each with timestamps from the injected clock and the
 * definition versions used, so a training set can be reproduced and a model's features explained.
 *
 * <p>Implementations are thread-safe. Every method throws {@link RegistryUnavailableException}
 * when the database cannot be reached, and {@link IllegalArgumentException} for a bad argument.
 */
public interface MetadataStore {

  /** Records a materialization run as {@code RUNNING}, started now. */
  MaterializationRun startMaterialization(String project, Map<String, String> viewVersions, Instant intervalStart,
      Instant intervalEnd);

  /**
   * Finishes a running materialization as {@code SUCCEEDED} or {@code FAILED} (with an error).
   *
   * @throws RegistryException if the run does not exist or is no longer running
   */
  MaterializationRun finishMaterialization(long id, RunStatus status, RunCounts counts, Optional<String> error);

  /** The materialization run with this id. */
  Optional<MaterializationRun> materialization(long id);

  /**
   * Per feature view of the project, the latest interval end of a successful materialization:
   * where {@code materialize-incremental} starts.
   */
  Map<String, Instant> lastSuccessfulMaterializationEnds(String project);

  /**
   * Records that a push wrote rows to these feature views, each up to the given newest event
   * time: a view's push watermark moves forward to it, never back.
   */
  void advancePushWatermarks(String project, Map<String, Instant> newestEventTimes);

  /** Per feature view of the project that was pushed to, the newest event time pushed. */
  Map<String, Instant> pushWatermarks(String project);

  /** Records a trigger run as {@code RUNNING}, started now. */
  TriggerRun startTrigger(String project, String triggerName, String triggerKind, String reason);

  /**
   * Finishes a running trigger run.
   *
   * @throws RegistryException if the run does not exist or is no longer running, or the
   *     training set does not exist
   */
  TriggerRun finishTrigger(long id, RunStatus status, Optional<Long> trainingSetId, Optional<JsonNode> hookResult,
      Optional<String> error);

  /** The trigger run with this id. */
  Optional<TriggerRun> triggerRun(long id);

  /**
   * Claims a trigger firing, exactly once across every process sharing the database: the first
   * claim of a firing key records the firing and, unless it is to be skipped or a run of the
   * trigger is in progress (then it is queued or refused, by the request), starts its run as
   * {@code RUNNING}; one run per trigger at a time. Empty if the key was claimed before.
   */
  Optional<TriggerFiring> claimFiring(FiringRequest request);

  /**
   * Starts the run of the trigger's oldest queued firing, if no run of the trigger is in progress;
   * empty if none is queued or a run is in progress.
   */
  Optional<TriggerRun> startQueuedFiring(String project, String triggerName);

  /** The firing with this id. */
  Optional<TriggerFiring> triggerFiring(long id);

  /** The trigger's firings, newest first. */
  List<TriggerFiring> triggerFirings(String project, String triggerName, int limit);

  /**
   * Replaces a trigger run's steps (a JSON array), as the run progresses.
   *
   * @throws RegistryException if the run does not exist
   */
  void recordTriggerSteps(long runId, JsonNode steps);

  /** The trigger run with its steps, trigger version and firing. */
  Optional<TriggerRunDetail> triggerRunDetail(long id);

  /**
   * The trigger run that built the training set with this id, if a trigger run did: how a model
   * trained on that set came to be (trigger, reason, firing).
   */
  Optional<TriggerRunDetail> triggerRunOfTrainingSet(long trainingSetId);

  /**
   * Every version of a trigger's declaration the registry holds, oldest first: each applied one
   * (stored by {@link dev.parity.registry.Registry#apply}, current or not), and those servers saw
   * before triggers were registered, so an old run's trigger can be read back.
   */
  List<TriggerVersion> triggerVersions(String project, String triggerName);

  /** What a scheduler remembered about the trigger (JSON), if anything. */
  Optional<JsonNode> triggerState(String project, String triggerName);

  /** Replaces what a scheduler remembers about the trigger. */
  void saveTriggerState(String project, String triggerName, JsonNode state);

  /** Materialization and trigger runs, and cancelled jobs, matching {@code query}, newest first. */
  List<RunSummary> runs(RunQuery query);

  /**
   * Marks the runs this store instance started and that are still {@code RUNNING} as
   * {@code INTERRUPTED}, with {@code reason} as error: for a graceful shutdown, which must not
   * touch runs of other processes sharing the database. Returns how many were marked.
   */
  int interruptOwnRuns(String reason);

  /**
   * Marks every {@code RUNNING} run of every process as {@code INTERRUPTED}: for recovery after
   * a crash, when the caller knows no other process is running. Returns how many were marked.
   */
  int interruptAllRuns(String reason);

  /**
   * Marks {@code INTERRUPTED} the {@code RUNNING} runs whose process is gone: a run records its
   * owner (host name, pid and process start instant, {@link RunOwner}) when it starts, and a run
   * started on this host whose pid no longer runs, or now belongs to a process started at another
   * instant (a reused pid), was left behind by a crash ({@code kill -9}, power loss). The error
   * names the process. The server calls this at start, CLI commands when they open the store.
   *
   * <p>Runs of other hosts sharing a PostgreSQL registry are left alone: a process cannot see
   * whether a process on another host lives (runs have no heartbeat); they are marked when a
   * server or command on their own host next starts, or by {@link #interruptAllRuns}. So are runs
   * recorded before owners were (registry schema version 2). Returns how many were marked.
   */
  int interruptRunsOfDeadProcesses();

  /**
   * Records a job the server accepted but never ran (queued when it stopped) as {@code CANCELLED},
   * now, with {@code reason}: listed by {@link #runs} as kind {@link RunKind#JOB}.
   *
   * @param jobId the server's id of the job (at most 64 characters)
   * @param jobKind what the job would have done ({@code materialize}; at most 32 characters)
   */
  RunSummary recordCancelledJob(String project, String jobId, String jobKind, Instant submittedAt, String reason);

  /** Records a training set, created now, without its inputs ({@link TrainingSetInputs#none()}). */
  default Recorded<TrainingSet> recordTrainingSet(TrainingSet trainingSet) {
    return recordTrainingSet(trainingSet, TrainingSetInputs.none());
  }

  /** Records a training set, created now, with the event time range and source files it read. */
  Recorded<TrainingSet> recordTrainingSet(TrainingSet trainingSet, TrainingSetInputs inputs);

  /** What the training set with this id read; empty if there is no such training set. */
  Optional<TrainingSetInputs> trainingSetInputs(long id);

  /** The training set with this id. */
  Optional<Recorded<TrainingSet>> trainingSet(long id);

  /** Training sets of the project, newest first. */
  List<Recorded<TrainingSet>> trainingSets(String project, int limit, int offset);

  /** Records a data-validation result, now. */
  Recorded<ValidationResult> recordValidation(ValidationResult result);

  /** The validation result with this id. */
  Optional<Recorded<ValidationResult>> validation(long id);

  /** Validation results of the project, newest first. */
  List<Recorded<ValidationResult>> validations(String project, int limit, int offset);

  /** Records a skew report, now. */
  Recorded<SkewReport> recordSkewReport(SkewReport report);

  /** The skew report with this id. */
  Optional<Recorded<SkewReport>> skewReport(long id);

  /** Skew reports of the project, newest first. */
  List<Recorded<SkewReport>> skewReports(String project, int limit, int offset);

  /** Skew reports of the project linked to feature service {@code service}, newest first. */
  List<Recorded<SkewReport>> skewReports(String project, String service, int limit, int offset);

  /**
   * Registers a model version as {@code CANDIDATE}.
   *
   * @throws RegistryException if that version of the model exists or the training set does not
   */
  Recorded<ModelVersion> registerModel(String project, String name, String version, long trainingSetId,
      JsonNode metrics);

  /**
   * Moves a model version to {@code PRODUCTION}, archiving the version that was in production;
   * concurrent promotions of one model are serialised, so one version is in production.
   *
   * @throws RegistryException if the model version does not exist
   */
  Recorded<ModelVersion> promote(String project, String name, String version);

  /**
   * Moves a model version to {@code ARCHIVED} (leaving no production version if it was one).
   *
   * @throws RegistryException if the model version does not exist
   */
  Recorded<ModelVersion> archive(String project, String name, String version);

  /** One version of a model. */
  Optional<Recorded<ModelVersion>> model(String project, String name, String version);

  /** The model version in production, if any. */
  Optional<Recorded<ModelVersion>> productionModel(String project, String name);

  /** Every version of a model, oldest first. */
  List<Recorded<ModelVersion>> modelVersions(String project, String name);

  /**
   * Lineage of the model version with this id: its training set and the definitions used, read
   * from the registry of the same database. Empty if there is no such model version.
   */
  Optional<Lineage> lineage(long modelId);

  /**
   * Registers a model version reported by a training pipeline, with the artifact it wrote and its
   * evaluation metrics, each recorded as an observation made now.
   *
   * @throws ModelNotFoundException if the training set does not exist in the project
   * @throws RegistryException if that version of the model is already registered
   */
  ModelVersionDetail registerModelVersion(String project, String name, String version, long trainingSetId,
      Optional<String> artifactUri, Map<String, Double> metrics);

  /**
   * Adds metric observations to a model version (production accuracy, latency...), each with the
   * time it was observed; earlier observations are kept.
   *
   * @throws ModelNotFoundException if the model version does not exist
   */
  ModelVersionDetail observeMetrics(String project, String name, String version, List<MetricObservation> observations);

  /** The names of the project's models (those with a registered version), sorted. */
  List<String> modelNames(String project);

  /** Every version of a model with artifact, observations and aliases, oldest first. */
  List<ModelVersionDetail> modelVersionDetails(String project, String name);

  /** The model's aliases, each to the version holding it. */
  Map<String, String> modelAliases(String project, String name);

  /**
   * Proposes {@code version} for {@code alias}: checks the policy's gates (change thresholds
   * against the version holding {@code champion}, read under the model's lock so concurrent
   * promotions serialise), records the decision and moves the alias if every gate passed.
   *
   * @throws ModelNotFoundException if the model or version does not exist
   * @throws PromotionRefusedException if a gate failed; the refusal is recorded
   */
  Recorded<ModelDecision> promoteAlias(String project, String name, String version, String alias, String principal,
      ModelPolicy policy);

  /**
   * Moves {@code alias} back to the version that held it before its current holder was promoted,
   * recorded as a decision.
   *
   * @throws ModelNotFoundException if the model is unknown or no version holds the alias
   * @throws PromotionRefusedException if the holder had no predecessor
   */
  Recorded<ModelDecision> rollbackAlias(String project, String name, String alias, String principal);

  /** Every alias decision about the model, oldest first. */
  List<Recorded<ModelDecision>> modelDecisions(String project, String name);

  /**
   * Records what the model's promotion hooks did after the decision with this id (a JSON array,
   * one delivery record per hook).
   *
   * @throws RegistryException if there is no such decision
   */
  void recordDecisionHooks(long decisionId, JsonNode deliveries);

  /** The promotion hooks' deliveries recorded with the decision, if any. */
  Optional<JsonNode> decisionHooks(long decisionId);
}
