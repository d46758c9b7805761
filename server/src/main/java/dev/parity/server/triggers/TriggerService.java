package dev.parity.server.triggers;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.triggers.BusyPolicy;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.DefinitionRef;
import dev.parity.registry.Registry;
import dev.parity.registry.metadata.FiringOutcome;
import dev.parity.registry.metadata.FiringRequest;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.TriggerFiring;
import dev.parity.registry.metadata.TriggerRun;
import dev.parity.server.core.NotAppliedException;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.errors.InvalidRequestException;
import dev.parity.server.errors.UnknownObjectException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires triggers and runs what fires: a firing is claimed in the registry (once across servers,
 * one run per trigger at a time, queued or refused by the trigger's {@code on_busy}), and a started
 * run is handed to the executor (the server's trigger threads; the CLI's own thread). When a run
 * ends, the trigger's oldest queued firing starts.
 *
 * <p>Triggers are registry objects: only a trigger registered at the version the repository
 * declares fires (by hand, or by the scheduler), so every run records a version the registry
 * holds; one added or changed but not applied, or whose removal was applied, does not. Thread-safe.
 */
public final class TriggerService {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerService.class);
  /** Longest reason a firing records (the registry's column). */
  public static final int MAX_REASON = 4096;

  private final Supplier<FeatureRepository> repository;
  private final Registry registry;
  private final MetadataStore metadata;
  private final TriggerRunner runner;
  private final Executor executor;
  // Which unapplied declarations were logged already: the scheduler looks every few seconds.
  private final Set<String> reportedUnapplied = ConcurrentHashMap.newKeySet();

  /**
   * @param repository the repository as served now (triggers are read from it at each firing)
   * @param registry where the registered triggers are looked up before a firing
   * @param metadata where firings and runs are recorded; its owner marks runs interrupted at shutdown
   * @param trainingSets builds and records the training sets
   * @param environment where webhook secrets are read
   * @param executor runs started runs
   */
  public TriggerService(Supplier<FeatureRepository> repository, Registry registry, MetadataStore metadata,
      TrainingSetService trainingSets, Map<String, String> environment, Clock clock, Executor executor) {
    this(repository, registry, metadata, new TriggerRunner(metadata, trainingSets, new Hooks(environment, clock, Hooks::sleep),
        clock), executor);
  }

  TriggerService(Supplier<FeatureRepository> repository, Registry registry, MetadataStore metadata,
      TriggerRunner runner, Executor executor) {
    this.repository = requireNonNull(repository, "repository is null");
    this.registry = requireNonNull(registry, "registry is null");
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

  /**
   * The declared triggers registered at their declared version: those that fire. The others are
   * logged once per declaration.
   */
  public List<Trigger> registered() {
    Map<String, String> versions = new java.util.HashMap<>();
    registry.current(project(), DefinitionKind.TRIGGER).forEach(r -> versions.put(r.name(), r.version()));
    List<Trigger> registered = new java.util.ArrayList<>();
    for (Trigger trigger : triggers()) {
      if (trigger.version().equals(versions.get(trigger.name()))) {
        registered.add(trigger);
      } else if (reportedUnapplied.add(trigger.name() + "@" + trigger.version())) {
        LOG.warn("Trigger {} does not fire: {}", trigger.name(), unapplied(trigger, Optional.ofNullable(
            versions.get(trigger.name()))));
      }
    }
    return registered;
  }

  private void requireRegistered(Trigger trigger) {
    Optional<String> version = registry.current(project(), new DefinitionRef(DefinitionKind.TRIGGER, trigger.name()))
        .map(DefinitionRecord::version);
    if (!version.filter(trigger.version()::equals).isPresent()) {
      throw new NotAppliedException(unapplied(trigger, version));
    }
  }

  private static String unapplied(Trigger trigger, Optional<String> registeredVersion) {
    return "trigger '" + trigger.name() + "' " + registeredVersion.map(v -> "differs from its registered version "
        + v.substring(0, 12)).orElse("is not registered") + " in the feature repository; apply the repository "
        + "(parity apply, or POST /registry/apply) before it fires";
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
   * @throws NotAppliedException if the declaration is not the registered one (409)
   * @throws InvalidRequestException for a reason longer than {@value #MAX_REASON} characters
   */
  public TriggerFiring fire(String name, Optional<String> reason) {
    Trigger trigger = trigger(name);
    requireRegistered(trigger);
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

  /** Starts a queued firing of each trigger that has one and no run in progress (after a restart). */
  void startQueued() {
    for (Trigger trigger : registered()) {
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
