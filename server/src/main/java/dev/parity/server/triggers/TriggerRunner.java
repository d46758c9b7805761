package dev.parity.server.triggers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.offline.Progress;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.registry.RegistryException;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.TrainingSetInputs;
import dev.parity.registry.metadata.TriggerRun;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.core.TrainingSetSummary;
import dev.parity.server.core.ValidationFailedException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one started trigger run: data validation, then the point-in-time training set (as of the
 * run's start for late-arriving rows, {@code as_of_created}, so it can be rebuilt bit for bit),
 * then the hook; records each step and the outcome. Validation failure ends the run before the
 * hook. A run whose thread is interrupted (the server stopping) is left {@code RUNNING}: the
 * server's shutdown marks its own runs interrupted, a crash's are marked at the next start.
 * Thread-safe; one call per run.
 */
final class TriggerRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerRunner.class);

  private final MetadataStore metadata;
  private final TrainingSetService trainingSets;
  private final Hooks hooks;
  private final Clock clock;

  TriggerRunner(MetadataStore metadata, TrainingSetService trainingSets, Hooks hooks, Clock clock) {
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.trainingSets = requireNonNull(trainingSets, "trainingSets is null");
    this.hooks = requireNonNull(hooks, "hooks is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Runs {@code run} of {@code trigger} to its end and returns it as recorded. */
  TriggerRun run(FeatureRepository repository, Trigger trigger, TriggerRun run) {
    RunSteps steps = new RunSteps(metadata, run.id(), clock);
    Optional<Long> trainingSet = Optional.empty();
    Optional<JsonNode> hookRecord = Optional.empty();
    try {
      Instant asOfCreated = run.startedAt();
      Path entities = repository.root().resolve(trigger.entities());
      Path output = repository.config().offlineDirectory(repository.root()).resolve("trigger-runs")
          .resolve(trigger.name() + "-" + run.id() + ".parquet");
      TrainingSetSpec spec = TrainingSetSpec.of(FeatureSelector.service(trigger.service()), entities, output)
          .withAsOfCreated(asOfCreated);
      steps.start("validation");
      TrainingSetSummary summary = trainingSets.build(repository, spec, Progress.NONE, reports -> {
        steps.succeed(reports.isEmpty() ? "no feature view of the service has validation rules"
            : reports.size() + " feature view(s) validated: " + reports.stream().map(r -> r.view()).toList());
        steps.start("training_set");
      });
      trainingSet = Optional.of(summary.id());
      steps.succeed("training set " + summary.id() + ": " + summary.built().rows() + " rows at "
          + summary.built().output());
      steps.start("hook");
      HookResult result = hooks.create(trigger.hook(), repository.root())
          .deliver(RunPayload.of(repository.config().project(), trigger, run, asOfCreated, summary,
                  metadata.trainingSetInputs(summary.id()).orElse(TrainingSetInputs.none())),
              RunPayload.idempotencyKey(run.id()));
      hookRecord = Optional.of(result.record());
      if (!result.succeeded()) {
        steps.fail(result.error().orElseThrow());
        return finish(run, RunStatus.FAILED, trainingSet, hookRecord, Optional.of("hook failed: "
            + result.error().orElseThrow()));
      }
      steps.succeed(trigger.hook().kind() + " delivered");
      return finish(run, RunStatus.SUCCEEDED, trainingSet, hookRecord, Optional.empty());
    } catch (ValidationFailedException e) {
      steps.fail(e.getMessage() + "\n" + e.renderReports());
      return finish(run, RunStatus.FAILED, trainingSet, hookRecord, Optional.of(e.getMessage()
          + "; the hook was not called"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return metadata.triggerRun(run.id()).orElse(run);
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        return metadata.triggerRun(run.id()).orElse(run);
      }
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (steps.inStep()) {
        steps.fail(message);
      }
      LOG.warn("Trigger run {} of {} failed: {}", run.id(), trigger.name(), message);
      return finish(run, RunStatus.FAILED, trainingSet, hookRecord, Optional.of(message));
    }
  }

  private TriggerRun finish(TriggerRun run, RunStatus status, Optional<Long> trainingSet,
      Optional<JsonNode> hook, Optional<String> error) {
    try {
      return metadata.finishTrigger(run.id(), status, trainingSet, hook, error);
    } catch (RegistryException e) {
      // Marked interrupted meanwhile (a shutdown racing the end of the run): that record stands.
      LOG.warn("Trigger run {} could not be finished as {}: {}", run.id(), status, e.getMessage());
      return metadata.triggerRun(run.id()).orElse(run);
    }
  }
}
