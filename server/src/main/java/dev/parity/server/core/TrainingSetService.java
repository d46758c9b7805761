package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.selection.SelectionResolver;
import dev.parity.offline.Progress;
import dev.parity.offline.engine.EntityFiles;
import dev.parity.offline.features.BuiltTrainingSet;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.features.TrainingSets;
import dev.parity.offline.validation.EventInterval;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.VersionedRef;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.TrainingSet;
import dev.parity.registry.metadata.TrainingSetInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds training sets (docs/offline.md) and records them in the metadata store: entity table
 * fingerprint, feature service and view versions, registry revision, {@code --as-of-created},
 * output path, rows and per-feature statistics, so the set can be reproduced; and, for lineage, the
 * files its sources' paths named and the range of its entity event times.
 *
 * <p>As for materialization, the repository must be what its registry holds ({@link
 * NotAppliedException} otherwise), and the feature views the selection reads (also through
 * on-demand features) that have {@code validation:} rules are validated first: every source row up
 * to the entity table's latest {@code event_timestamp} (a Parquet table's footers say; otherwise
 * the clock's now); a failure throws {@link ValidationFailedException} and nothing is written.
 * Source rows with an event or created time beyond {@code now + max_future_skew} at the start of
 * the build are ignored ({@link dev.parity.definitions.FutureTimeLimit} owns the rule, as for push
 * and materialization); they, and source rows with a null join key, are counted in the summary
 * and logged. An entity row with a null join key fails the build, as an online lookup refuses it.
 * Thread-safe.
 */
public final class TrainingSetService {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingSetService.class);
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
   * @throws dev.parity.definitions.UnknownDefinitionException for an unknown service, view or
   *     feature (404)
   * @throws dev.parity.definitions.SelectionException for clashing output names or a feature
   *     selected twice
   * @throws dev.parity.offline.OfflineException if an input is missing, unreadable or lacks a column
   */
  public TrainingSetSummary build(FeatureRepository repository, TrainingSetSpec spec, Progress progress) {
    return build(repository, spec, progress, reports -> { });
  }

  /**
   * As {@link #build(FeatureRepository, TrainingSetSpec, Progress)}, telling {@code validated} the
   * validation reports once the data passed validation, before the set is built: a trigger run
   * records validation and building as separate steps.
   */
  public TrainingSetSummary build(FeatureRepository repository, TrainingSetSpec spec, Progress progress,
      java.util.function.Consumer<List<dev.parity.offline.validation.ValidationReport>> validated) {
    return build(repository, spec, progress, validated, this::buildEmbedded);
  }

  /**
   * As {@link #build(FeatureRepository, TrainingSetSpec, Progress)}, the set built by {@code
   * builder} (the Spark engine's, {@link dev.parity.server.spark.SparkTrainingSetBuilder}) after the
   * same registry check and validation, and recorded the same way.
   */
  public TrainingSetSummary build(FeatureRepository repository, TrainingSetSpec spec, Progress progress,
      TrainingSetBuilder builder) {
    return build(repository, spec, progress, reports -> { }, builder);
  }

  private TrainingSetSummary build(FeatureRepository repository, TrainingSetSpec spec, Progress progress,
      java.util.function.Consumer<List<dev.parity.offline.validation.ValidationReport>> validated,
      TrainingSetBuilder builder) {
    requireNonNull(builder, "builder is null");
    requireNonNull(repository, "repository is null");
    requireNonNull(validated, "validated is null");
    requireNonNull(spec, "spec is null");
    requireNonNull(progress, "progress is null");
    long revision = RegistryCheck.requireApplied(repository, stores.registry());
    MetadataStore metadata = stores.metadata();
    // Opened once: the reference time and the build read the same footers.
    Optional<EntityFiles> entities = EntityTimes.open(spec.entityTable());
    Instant reference = EntityTimes.latest(entities).orElseGet(() -> stores.clock().instant());
    Set<String> featureViews = featureViews(repository, spec);
    validated.accept(validation.check(repository, metadata, featureViews, view -> EventInterval.until(reference),
        progress));
    // Listed before the build, as the engine lists them when it starts: the lineage's source files.
    List<TrainingSetInputs.SourceFile> sourceFiles = TrainingSetInputsReader.sourceFiles(repository, featureViews);
    BuiltTrainingSet built = builder.build(repository, spec, entities, progress);
    List<VersionedRef> views = new ArrayList<>();
    built.viewVersions().forEach((name, version) -> views.add(new VersionedRef(
        repository.featureView(name).isPresent() ? DefinitionKind.FEATURE_VIEW : DefinitionKind.ON_DEMAND_FEATURE_VIEW,
        name, version)));
    Optional<VersionedRef> service = built.service().map(name ->
        new VersionedRef(DefinitionKind.FEATURE_SERVICE, name, built.serviceVersion().orElseThrow()));
    long id = metadata.recordTrainingSet(new TrainingSet(repository.config().project(), built.entityFingerprint(),
        service, views, revision, spec.asOfCreated(), built.output().toString(), built.rows(),
        JSON.valueToTree(built.statistics())),
        TrainingSetInputsReader.withEventTimes(built.output(), sourceFiles)).id();
    TrainingSetSummary summary = new TrainingSetSummary(id, revision, built);
    summary.renderSkipped().ifPresent(text -> LOG.warn("Training set {}: {}", id, text));
    return summary;
  }

  /** The embedded engine's build: {@link TrainingSets} on the stores' engine. */
  private BuiltTrainingSet buildEmbedded(FeatureRepository repository, TrainingSetSpec spec,
      Optional<EntityFiles> entities, Progress progress) {
    TrainingSets trainingSets = new TrainingSets(stores.offline(), stores.allocator(), stores.offlineOptions(),
        stores.clock());
    // A table that did not open is opened again by the build, which reports why in its order.
    return entities.isPresent()
        ? trainingSets.build(repository, spec, entities.get(), progress)
        : trainingSets.build(repository, spec, progress);
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
   * order.
   *
   * @throws dev.parity.definitions.UnknownDefinitionException an unknown service, view or feature
   */
  static Set<String> featureViews(FeatureRepository repository, TrainingSetSpec spec) {
    Set<String> views = new LinkedHashSet<>();
    SelectionResolver.resolve(repository, spec.selector()).views().forEach(read -> views.add(read.view()));
    return views;
  }
}
