package dev.parity.server.triggers;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.triggers.BusyPolicy;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.registry.metadata.FiringOutcome;
import dev.parity.registry.metadata.FiringRequest;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.TriggerFiring;
import dev.parity.registry.metadata.TriggerRun;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.errors.InvalidRequestException;
import dev.parity.server.errors.UnknownObjectException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires triggers and runs what fires: a firing is claimed in the registry (once across servers,
 * one run per trigger at a time, queued or refused by the trigger's {@code on_busy}), and a started
 * run is handed to the executor (the server's trigger threads; the CLI's own thread). When a run
 * ends, the trigger's oldest queued firing starts. Thread-safe.
 */
public final class TriggerService {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerService.class);
  /** Longest reason a firing records (the registry's column). */
  public static final int MAX_REASON = 4096;

  private final Supplier<FeatureRepository> repository;
  private final MetadataStore metadata;
  private final TriggerRunner runner;
  private final Executor executor;

  /**
   * @param repository the repository as served now (triggers are read from it at each firing)
   * @param metadata where firings and runs are recorded; its owner marks runs interrupted at shutdown
   * @param trainingSets builds and records the training sets
   * @param environment where webhook secrets are read
   * @param executor runs started runs
   */
  public TriggerService(Supplier<FeatureRepository> repository, MetadataStore metadata, TrainingSetService trainingSets,
      Map<String, String> environment, Clock clock, Executor executor) {
    this(repository, metadata, new TriggerRunner(metadata, trainingSets, new Hooks(environment, clock, Hooks::sleep),
        clock), executor);
  }

  TriggerService(Supplier<FeatureRepository> repository, MetadataStore metadata, TriggerRunner runner,
      Executor executor) {
    this.repository = requireNonNull(repository, "repository is null");
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.executor = requireNonNull(executor, "executor is null");
  }

  /** The declared triggers, by name. */
  public List<Trigger> triggers() {
    return List.copyOf(repository.get().triggers());
  }

  /**
   * The trigger with this name.
   *
   * @throws UnknownObjectException if the repository declares none (404)
   */
  public Trigger trigger(String name) {
    return repository.get().trigger(name).orElseThrow(() -> new UnknownObjectException("unknown trigger '" + name
        + "'" + (repository.get().triggers().isEmpty() ? "; the repository declares no triggers"
        : "; declared: " + repository.get().triggers().stream().map(Trigger::name).toList())));
  }

  /** The project's registry records. */
  MetadataStore metadata() {
    return metadata;
  }

  /** The repository as served now. */
  FeatureRepository repository() {
    return repository.get();
  }

  /** The project's name. */
  String project() {
    return repository.get().config().project();
  }

  /**
   * Fires a trigger of any kind by hand (as an {@code adhoc} trigger fires): a run starts unless
   * one of the trigger is in progress (then the firing is queued or refused, by its policy).
   *
   * @throws UnknownObjectException for an unknown trigger
   * @throws InvalidRequestException for a reason longer than {@value #MAX_REASON} characters
   */
  public TriggerFiring fire(String name, Optional<String> reason) {
    Trigger trigger = trigger(name);
    String text = reason.filter(r -> !r.isBlank()).orElse("fired by hand");
    if (text.length() > MAX_REASON) {
      throw new InvalidRequestException("reason longer than " + MAX_REASON + " characters");
    }
    return fire(trigger, "manual:" + UUID.randomUUID(), text, false).orElseThrow();
  }

  /**
   * Claims a firing of {@code trigger} by its key and starts its run if the claim started one.
   * Empty if the key was claimed before (by this server or another).
   */
  Optional<TriggerFiring> fire(Trigger trigger, String firingKey, String reason, boolean skip) {
    recordVersion(trigger);
    Optional<TriggerFiring> firing = metadata.claimFiring(new FiringRequest(project(), trigger.name(), trigger.kind(),
        trigger.version(), firingKey, reason, trigger.onBusy() == BusyPolicy.QUEUE, skip));
    firing.filter(f -> f.outcome() == FiringOutcome.STARTED).ifPresent(f -> {
      TriggerRun run = metadata.triggerRun(f.runId().orElseThrow()).orElseThrow();
      executor.execute(() -> runThenQueued(trigger.name(), run));
    });
    firing.filter(f -> f.outcome() != FiringOutcome.STARTED)
        .ifPresent(f -> LOG.info("Trigger {} fired ({}): {}", trigger.name(), reason, f.note().orElse(
            f.outcome().name().toLowerCase(java.util.Locale.ROOT))));
    return firing;
  }

  // Immutable after construction: converts canonical forms to trees only.
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** Records the trigger's declaration in the registry under its version, if it is new there. */
  void recordVersion(Trigger trigger) {
    metadata.recordTriggerVersion(project(), trigger.name(), trigger.kind(), trigger.version(),
        JSON.valueToTree(trigger.canonicalForm()));
  }

  /** Starts a queued firing of each trigger that has one and no run in progress (after a restart). */
  void startQueued() {
    for (Trigger trigger : triggers()) {
      metadata.startQueuedFiring(project(), trigger.name())
          .ifPresent(run -> executor.execute(() -> runThenQueued(trigger.name(), run)));
    }
  }

  private void runThenQueued(String name, TriggerRun first) {
    Optional<TriggerRun> next = Optional.of(first);
    while (next.isPresent() && !Thread.currentThread().isInterrupted()) {
      TriggerRun run = next.get();
      FeatureRepository served = repository.get();
      Optional<Trigger> trigger = served.trigger(name);
      if (trigger.isEmpty()) {
        metadata.finishTrigger(run.id(), RunStatus.FAILED, Optional.empty(), Optional.empty(),
            Optional.of("trigger '" + name + "' is no longer declared"));
      } else {
        runner.run(served, trigger.get(), run);
      }
      next = Thread.currentThread().isInterrupted() ? Optional.empty()
          : metadata.startQueuedFiring(served.config().project(), name);
    }
  }
}
