package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.OnDemandFeatureView;
import dev.parity.offline.Progress;
import dev.parity.offline.features.BuiltTrainingSet;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.features.TrainingSets;
import dev.parity.offline.validation.EventInterval;
import dev.parity.server.db.DefinitionKind;
import dev.parity.server.db.MetadataStore;
import dev.parity.server.db.TrainingSet;
import dev.parity.server.db.VersionedRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds training sets (SPEC §3) and records them in the metadata store (SPEC §6): entity table
 * fingerprint, feature service and view versions, registry revision, {@code --as-of-created},
 * output path, rows and per-feature statistics, so the set can be reproduced.
 *
 * <p>As for materialization, the repository must be what its registry holds ({@link
 * NotAppliedException} otherwise), and the feature views the selection reads (also through
 * on-demand features) that have {@code validation:} rules are validated first: every source row up
 * to the entity table's latest {@code event_timestamp} (a Parquet table's footers say; otherwise
 * the clock's now); a failure throws {@link ValidationFailedException} and nothing is written.
 * Thread-safe.
 */
public final class TrainingSetService {
  // Immutable after construction: converts statistics records to JSON trees only.
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RepositoryStores stores;
  private final ValidationGate validation;

  /** @param stores the repository's registry, offline engine and allocator */
  public TrainingSetService(RepositoryStores stores) {
    this.stores = requireNonNull(stores, "stores is null");
    this.validation = new ValidationGate(stores.clock());
  }

  /**
   * Builds the training set {@code spec} describes and records it.
   *
   * @throws NotAppliedException if the repository differs from its registry
   * @throws ValidationFailedException if a view's source data fails validation; nothing is written
   * @throws dev.parity.offline.features.TrainingSetRequestException for an unknown service, view or
   *     feature, or clashing output names
   * @throws dev.parity.offline.OfflineException if an input is missing, unreadable or lacks a column
   */
  public TrainingSetSummary build(FeatureRepository repository, TrainingSetSpec spec, Progress progress) {
    requireNonNull(repository, "repository is null");
    requireNonNull(spec, "spec is null");
    requireNonNull(progress, "progress is null");
    long revision = RegistryCheck.requireApplied(repository, stores.registry());
    MetadataStore metadata = stores.metadata();
    Instant reference = EntityTimes.latest(spec.entityTable()).orElseGet(() -> stores.clock().instant());
    validation.check(repository, metadata, featureViews(repository, spec),
        view -> EventInterval.until(reference), progress);
    TrainingSets trainingSets = new TrainingSets(stores.offline(), stores.allocator(), stores.offlineOptions());
    BuiltTrainingSet built = trainingSets.build(repository, spec, progress);
    List<VersionedRef> views = new ArrayList<>();
    built.viewVersions().forEach((name, version) -> views.add(new VersionedRef(
        repository.featureView(name).isPresent() ? DefinitionKind.FEATURE_VIEW : DefinitionKind.ON_DEMAND_FEATURE_VIEW,
        name, version)));
    Optional<VersionedRef> service = built.service().map(name ->
        new VersionedRef(DefinitionKind.FEATURE_SERVICE, name, built.serviceVersion().orElseThrow()));
    long id = metadata.recordTrainingSet(new TrainingSet(repository.config().project(), built.entityFingerprint(),
        service, views, revision, spec.asOfCreated(), built.output().toString(), built.rows(),
        JSON.valueToTree(built.statistics()))).id();
    return new TrainingSetSummary(id, revision, built);
  }

  /**
   * Checks a {@link #build} request without running it: the registry and the selection, what the
   * build would refuse before reading any file, refused with the same exceptions and messages. The
   * asynchronous path checks a request before it queues it (the build checks again).
   *
   * @throws NotAppliedException if the repository differs from its registry
   * @throws dev.parity.offline.features.TrainingSetRequestException for an unknown service, view or
   *     feature, or clashing output names
   */
  public void check(FeatureRepository repository, TrainingSetSpec spec) {
    requireNonNull(repository, "repository is null");
    requireNonNull(spec, "spec is null");
    RegistryCheck.requireApplied(repository, stores.registry());
    TrainingSets.checkSelection(repository, spec);
  }

  /**
   * The feature views a selection reads, directly or through on-demand features, in selection
   * order. Unknown names are left to the build, which reports them with suggestions.
   */
  static Set<String> featureViews(FeatureRepository repository, TrainingSetSpec spec) {
    List<FeatureRef> refs = spec.selector().service()
        .map(name -> repository.featureService(name).isPresent() ? repository.serviceFeatures(name) : List.<FeatureRef>of())
        .orElse(spec.selector().features());
    Set<String> views = new LinkedHashSet<>();
    Set<String> visited = new LinkedHashSet<>();
    for (FeatureRef ref : refs) {
      collect(repository, ref.view(), views, visited);
    }
    return views;
  }

  private static void collect(FeatureRepository repository, String view, Set<String> views, Set<String> visited) {
    if (!visited.add(view)) {
      return;
    }
    if (repository.featureView(view).isPresent()) {
      views.add(view);
      return;
    }
    Optional<OnDemandFeatureView> onDemand = repository.onDemandFeatureView(view);
    if (onDemand.isEmpty()) {
      return;
    }
    for (var feature : onDemand.get().features()) {
      repository.expression(new FeatureRef(view, feature.name())).ifPresent(expression -> {
        for (String input : expression.inputs()) {
          int dot = input.indexOf('.');
          if (dot > 0) {
            collect(repository, input.substring(0, dot), views, visited);
          }
        }
      });
    }
  }
}
