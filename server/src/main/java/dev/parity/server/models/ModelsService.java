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
import dev.parity.server.errors.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What HTTP and CLI share about models: the project and gates come from the served repository,
 * records from the metadata store; a protected alias is moved only by an admin. Thread-safe.
 */
public final class ModelsService {
  private final MetadataStore metadata;
  private final Supplier<FeatureRepository> repository;

  /**
   * @param repository the repository whose project and {@code models:} block apply (the served one)
   */
  public ModelsService(MetadataStore metadata, Supplier<FeatureRepository> repository) {
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.repository = requireNonNull(repository, "repository is null");
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
    return checked(() -> metadata.promoteAlias(project(), name, version, alias, principal, policy));
  }

  /** Moves {@code alias} back to its previous holder; same permission as a promotion. */
  public Recorded<ModelDecision> rollback(String name, String alias, String principal, boolean admin) {
    checkMove(name, alias, admin);
    return checked(() -> metadata.rollbackAlias(project(), name, alias, principal));
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
    List<ModelVersionDetail> versions = versions(name);
    return new ModelJson(name, versions.stream().map(this::version).toList(), metadata.modelAliases(project(), name),
        metadata.modelDecisions(project(), name).stream().map(DecisionJson::of).toList(),
        repository.get().modelPolicy(name));
  }

  /**
   * Versions side by side: every version if {@code wanted} is empty, else those, in that order.
   *
   * @throws ModelNotFoundException naming a version the model does not have
   */
  public List<ModelJson.Version> compare(String name, List<String> wanted) {
    List<ModelVersionDetail> versions = versions(name);
    if (wanted.isEmpty()) {
      return versions.stream().map(this::version).toList();
    }
    Map<String, ModelVersionDetail> byVersion = new LinkedHashMap<>();
    versions.forEach(v -> byVersion.put(v.version().value().version(), v));
    List<ModelJson.Version> out = new ArrayList<>();
    for (String v : wanted) {
      ModelVersionDetail detail = byVersion.get(v);
      if (detail == null) {
        throw new ModelNotFoundException("model " + name + " has no version " + v + "; it has "
            + byVersion.keySet());
      }
      out.add(version(detail));
    }
    return out;
  }

  private List<ModelVersionDetail> versions(String name) {
    List<ModelVersionDetail> versions = metadata.modelVersionDetails(project(), name);
    if (versions.isEmpty()) {
      throw new ModelNotFoundException("model " + name + " is not registered");
    }
    return versions;
  }

  private ModelJson.Version version(ModelVersionDetail detail) {
    Optional<TrainingSet> set = metadata.trainingSet(detail.version().value().trainingSetId()).map(Recorded::value);
    return ModelJson.Version.of(detail, set);
  }
}
