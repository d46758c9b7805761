package dev.parity.server.models;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ModelPolicy;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.MetricObservation;
import dev.parity.registry.metadata.ModelDecision;
import dev.parity.registry.metadata.ModelNotFoundException;
import dev.parity.registry.metadata.ModelVersionDetail;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.TrainingSet;
import dev.parity.registry.metadata.TrainingSetInputs;
import dev.parity.registry.metadata.Lineage;
import dev.parity.server.errors.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What HTTP and CLI share about models: the project and gates come from the served repository,
 * records from the metadata store; a protected alias is moved only by an admin. Thread-safe.
 */
public final class ModelsService {
  private final MetadataStore metadata;
  private final Supplier<FeatureRepository> repository;
  private final Optional<PromotionHooks> promotionHooks;

  /**
   * @param repository the repository whose project and {@code models:} block apply (the served one)
   */
  public ModelsService(MetadataStore metadata, Supplier<FeatureRepository> repository) {
    this(metadata, repository, Optional.empty());
  }

  /**
   * @param hooks how to call a model's {@code on_promote} hooks; empty: they are not called (and a
   *     decision records no delivery)
   */
  public ModelsService(MetadataStore metadata, Supplier<FeatureRepository> repository,
      Optional<dev.parity.server.triggers.Hooks> hooks) {
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.repository = requireNonNull(repository, "repository is null");
    this.promotionHooks = requireNonNull(hooks, "hooks is null").map(h -> new PromotionHooks(h, metadata));
  }

  private String project() {
    return repository.get().config().project();
  }

  /** Registers a version the pipeline trained; see {@link MetadataStore#registerModelVersion}. */
  public ModelVersionDetail register(String name, String version, long trainingSetId, Optional<String> artifactUri,
      Map<String, Double> metrics) {
    return checked(() -> metadata.registerModelVersion(project(), name, version, trainingSetId, artifactUri, metrics));
  }

  /** Adds observations to a version; see {@link MetadataStore#observeMetrics}. */
  public ModelVersionDetail observe(String name, String version, List<MetricObservation> observations) {
    return checked(() -> metadata.observeMetrics(project(), name, version, observations));
  }

  /**
   * Proposes {@code version} for {@code alias} through the model's gates.
   *
   * @param admin whether the caller may move protected aliases
   * @throws AliasProtectedException if the alias is protected and the caller is not an admin
   */
  public Recorded<ModelDecision> promote(String name, String version, String alias, String principal,
      boolean admin) {
    ModelPolicy policy = checkMove(name, alias, admin);
    return afterDecision(policy, checked(() -> metadata.promoteAlias(project(), name, version, alias, principal,
        policy)));
  }

  /** Moves {@code alias} back to its previous holder; same permission as a promotion. */
  public Recorded<ModelDecision> rollback(String name, String alias, String principal, boolean admin) {
    ModelPolicy policy = checkMove(name, alias, admin);
    return afterDecision(policy, checked(() -> metadata.rollbackAlias(project(), name, alias, principal)));
  }

  /** The decision as answered over HTTP, with its hook deliveries. */
  public DecisionJson decisionJson(Recorded<ModelDecision> decision) {
    return DecisionJson.of(decision).withHooks(metadata.decisionHooks(decision.id()));
  }

  // The alias has moved when the hooks are called: a failing hook is recorded, it undoes nothing.
  private Recorded<ModelDecision> afterDecision(ModelPolicy policy, Recorded<ModelDecision> decision) {
    promotionHooks.ifPresent(hooks -> hooks.deliver(project(), decision, policy.onPromote(),
        repository.get().root()));
    return decision;
  }

  private ModelPolicy checkMove(String name, String alias, boolean admin) {
    checked(() -> ModelPolicy.checkAlias(alias));
    ModelPolicy policy = repository.get().modelPolicy(name);
    if (policy.isProtected(alias) && !admin) {
      throw new AliasProtectedException("alias '" + alias + "' of model " + name
          + " is protected: only an admin token may move it");
    }
    return policy;
  }

  /** Bad arguments (names, aliases, metric values) are the caller's: a 400 naming them. */
  private static <T> T checked(Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  /** Everything recorded about a model. */
  public ModelJson describe(String name) {
    return new ModelJson(name, versions(name, versions(name)), metadata.modelAliases(project(), name),
        metadata.modelDecisions(project(), name).stream().map(this::decisionJson).toList(),
        repository.get().modelPolicy(name));
  }

  /** The project's models, each with its versions and aliases. */
  public List<ModelSummaryJson> list() {
    return metadata.modelNames(project()).stream().map(name -> new ModelSummaryJson(name,
        metadata.modelVersionDetails(project(), name).stream().map(d -> d.version().value().version()).toList(),
        metadata.modelAliases(project(), name))).toList();
  }

  /**
   * Versions side by side: every version if {@code wanted} is empty, else those, in that order;
   * each names the definitions of its training set whose version differs among them.
   *
   * @throws ModelNotFoundException naming a version the model does not have
   */
  public List<ModelJson.Version> compare(String name, List<String> wanted) {
    List<ModelVersionDetail> versions = versions(name);
    if (wanted.isEmpty()) {
      return versions(name, versions);
    }
    List<ModelVersionDetail> chosen = new ArrayList<>();
    for (String v : wanted) {
      chosen.add(find(name, versions, v));
    }
    return versions(name, chosen);
  }

  /**
   * The lineage of one version: training set, definitions at the versions used, source files.
   *
   * @throws ModelNotFoundException if the model or version does not exist
   */
  public LineageJson lineage(String name, String version) {
    ModelVersionDetail detail = find(name, versions(name), version);
    Lineage lineage = metadata.lineage(detail.version().id()).orElseThrow(() -> new ModelNotFoundException(
        "model " + name + " has no version " + version));
    long set = lineage.trainingSet().id();
    return LineageJson.of(detail, lineage, metadata.trainingSetInputs(set).orElse(TrainingSetInputs.none()),
        metadata.triggerRunOfTrainingSet(set).map(this::triggerRun));
  }

  private LineageJson.TriggerRunPart triggerRun(dev.parity.registry.metadata.TriggerRunDetail detail) {
    var run = detail.run();
    Optional<dev.parity.registry.metadata.TriggerFiring> firing = detail.firingId().flatMap(metadata::triggerFiring);
    return new LineageJson.TriggerRunPart(run.id(), run.triggerName(), run.triggerKind(), detail.triggerVersion(),
        run.reason(), run.status().name().toLowerCase(java.util.Locale.ROOT), run.startedAt().toString(),
        detail.firingId(), firing.map(f -> f.firedAt().toString()), firing.map(f -> f.firingKey()));
  }

  private static ModelVersionDetail find(String name, List<ModelVersionDetail> versions, String version) {
    return versions.stream().filter(v -> v.version().value().version().equals(version)).findFirst()
        .orElseThrow(() -> new ModelNotFoundException("model " + name + " has no version " + version + "; it has "
            + versions.stream().map(v -> v.version().value().version()).toList()));
  }

  private List<ModelVersionDetail> versions(String name) {
    List<ModelVersionDetail> versions = metadata.modelVersionDetails(project(), name);
    if (versions.isEmpty()) {
      throw new ModelNotFoundException("model " + name + " is not registered");
    }
    return versions;
  }

  private List<ModelJson.Version> versions(String name, List<ModelVersionDetail> details) {
    List<ModelJson.Version> out = new ArrayList<>();
    List<Map<String, String>> definitions = new ArrayList<>();
    for (ModelVersionDetail detail : details) {
      long setId = detail.version().value().trainingSetId();
      Optional<TrainingSet> set = metadata.trainingSet(setId).map(Recorded::value);
      out.add(ModelJson.Version.of(detail, set, metadata.trainingSetInputs(setId).orElse(TrainingSetInputs.none())));
      definitions.add(set.map(ModelsService::definitions).orElse(Map.of()));
    }
    for (int i = 0; i < out.size(); i++) {
      Map<String, String> mine = definitions.get(i);
      List<String> differing = mine.keySet().stream()
          .filter(ref -> definitions.stream().anyMatch(other -> !mine.get(ref).equals(other.get(ref)))).toList();
      out.set(i, out.get(i).withDifferences(differing));
    }
    return out;
  }

  /** {@code kind name} to version of the service and views a training set was built from, sorted. */
  private static Map<String, String> definitions(TrainingSet set) {
    Map<String, String> definitions = new TreeMap<>();
    set.service().ifPresent(s -> definitions.put(s.ref().toString(), s.version()));
    set.views().forEach(v -> definitions.put(v.ref().toString(), v.version()));
    return definitions;
  }
}
