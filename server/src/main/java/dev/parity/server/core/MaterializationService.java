package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.Progress;
import dev.parity.offline.validation.EventInterval;
import dev.parity.online.serving.OnlineViews;
import dev.parity.registry.metadata.MaterializationRun;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.RunCounts;
import dev.parity.registry.metadata.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materialization (docs/offline.md): for each online feature view, the value each entity would get in a
 * training set at T = end, computed by the offline engine's point-in-time join, written to the
 * online store under the view's definition version.
 *
 * <ul>
 *   <li>Only a repository identical to its registry is materialized: otherwise {@link
 *       NotAppliedException} (run {@code apply} first), before anything is read.
 *   <li>Views with {@code validation:} rules are validated first, for their intervals; a failure
 *       throws {@link ValidationFailedException} and nothing is written.
 *   <li>One metadata run per view: {@code RUNNING}, then {@code SUCCEEDED} with rows read,
 *       entities and rows written, or {@code FAILED} with the error and what the view did before
 *       it failed (rows the store acknowledged as written: they are online).
 *   <li>Source rows with an event or created time beyond {@code now + max_future_skew} ({@link
 *       dev.parity.definitions.FutureTimeLimit}, which owns the rule; {@code now} from the stores'
 *       clock when the view's run starts, or when the Spark job is launched) are skipped, as are rows with a null join key, which no lookup can reach:
 *       both are counted in the result ({@link ViewMaterialization#skipped()}) and logged.
 *   <li>Idempotent and resumable: the online store keeps the newer row, so rerunning an interval
 *       writes nothing ({@link ViewMaterialization#unchanged()} counts those rows), and a run that
 *       failed half way is completed by running it again.
 * </ul>
 *
 * <p>Incremental materialization starts each view at the end of its last successful run; a view
 * never materialized starts from the beginning (every source row up to end), and a view already
 * materialized up to end is skipped. Thread-safe: concurrent runs are safe (newer-wins is atomic
 * in the store) though they duplicate work.
 */
public final class MaterializationService {
  private static final Logger LOG = LoggerFactory.getLogger(MaterializationService.class);
  /** Recorded as the start of runs that read from the beginning. */
  static final Instant BEGINNING = Instant.EPOCH;
  private final RepositoryStores stores;
  private final ValidationGate validation;
  private final ViewMaterializer engine;

  /** @param stores the repository's registry, online store and (embedded) offline engine */
  public MaterializationService(RepositoryStores stores) {
    this.stores = requireNonNull(stores, "stores is null");
    this.validation = new ValidationGate(stores.clock());
    this.engine = new EmbeddedMaterializer(stores);
  }

  /**
   * A service whose views are computed and written by {@code engine} (the Spark engine's, {@link
   * dev.parity.server.spark.SparkMaterializer}) after the same checks and validation, and recorded
   * the same way.
   *
   * @param stores the repository's registry and metadata store
   */
  public MaterializationService(RepositoryStores stores, ViewMaterializer engine) {
    this.stores = requireNonNull(stores, "stores is null");
    this.validation = new ValidationGate(stores.clock());
    this.engine = requireNonNull(engine, "engine is null");
  }

  /**
   * Materializes {@code views} (every online view when empty) for entities with a source row in
   * {@code [start, end]}.
   *
   * @throws NotAppliedException if the repository differs from its registry
   * @throws MaterializationException if {@code start} is after {@code end} or no view is online
   * @throws dev.parity.online.OnlineRequestException if a view is unknown or not online
   * @throws ValidationFailedException if a view's source data fails validation; nothing is written
   * @throws dev.parity.offline.OfflineException if source data cannot be read
   * @throws dev.parity.online.OnlineStoreUnavailableException if Redis cannot be reached; rerun
   */
  public MaterializationResult materialize(FeatureRepository repository, Instant start, Instant end,
      Optional<List<String>> views, Progress progress) {
    Map<String, Optional<Instant>> starts = new LinkedHashMap<>();
    for (String view : checkMaterialize(repository, start, end, views)) {
      starts.put(view, Optional.of(start));
    }
    return run(repository, starts, end, List.of(), progress);
  }

  /**
   * Checks a {@link #materialize} request without running it: what it would refuse before reading
   * any data, refused with the same exceptions and messages. The asynchronous path checks a
   * request before it queues it (the run checks again: the registry may change in between).
   *
   * @return the selected views, each once, in request order
   * @throws NotAppliedException if the repository differs from its registry
   * @throws MaterializationException if {@code start} is after {@code end} or no view is online
   * @throws dev.parity.online.OnlineRequestException if a view is unknown or not online
   */
  public List<String> checkMaterialize(FeatureRepository repository, Instant start, Instant end,
      Optional<List<String>> views) {
    requireNonNull(start, "start is null");
    requireNonNull(end, "end is null");
    if (start.isAfter(end)) {
      throw new MaterializationException("materialization start " + start + " is after its end " + end);
    }
    return selected(repository, views);
  }

  /**
   * Materializes {@code views} (every online view when empty) from where each view's last
   * successful materialization ended (the beginning, if none) up to {@code end}.
   *
   * @throws NotAppliedException, MaterializationException and the others as {@link #materialize}
   */
  public MaterializationResult materializeIncremental(FeatureRepository repository, Instant end,
      Optional<List<String>> views, Progress progress) {
    List<String> selected = checkMaterializeIncremental(repository, end, views);
    Map<String, Instant> lastEnds = stores.metadata().lastSuccessfulMaterializationEnds(repository.config().project());
    Map<String, Optional<Instant>> starts = new LinkedHashMap<>();
    List<ViewMaterialization> upToDate = new ArrayList<>();
    OnlineViews online = OnlineViews.of(repository);
    for (String view : selected) {
      Optional<Instant> last = Optional.ofNullable(lastEnds.get(view));
      if (last.isPresent() && !last.get().isBefore(end)) {
        upToDate.add(ViewMaterialization.upToDate(view, online.view(view).version(), last, end));
      } else {
        starts.put(view, last);
      }
    }
    return run(repository, starts, end, upToDate, progress);
  }

  /**
   * Checks a {@link #materializeIncremental} request without running it, as {@link
   * #checkMaterialize} does.
   *
   * @return the selected views, each once, in request order
   * @throws NotAppliedException, MaterializationException and the others as {@link #checkMaterialize}
   */
  public List<String> checkMaterializeIncremental(FeatureRepository repository, Instant end,
      Optional<List<String>> views) {
    requireNonNull(end, "end is null");
    return selected(repository, views);
  }

  private List<String> selected(FeatureRepository repository, Optional<List<String>> views) {
    requireNonNull(repository, "repository is null");
    requireNonNull(views, "views is null");
    if (!repository.config().equals(stores.repository().config())
        || !repository.root().equals(stores.repository().root())) {
      throw new IllegalArgumentException("the stores were opened for " + stores.repository().root()
          + ", not for " + repository.root());
    }
    RegistryCheck.requireApplied(repository, stores.registry());
    OnlineViews online = OnlineViews.of(repository);
    List<String> names = views.map(List::copyOf).orElseGet(() -> List.copyOf(online.servable().keySet()));
    if (names.isEmpty()) {
      throw new MaterializationException(views.isPresent() ? "no feature view given to materialize"
          : "the feature repository has no online feature view to materialize (set online: true on one)");
    }
    // Throws for an unknown or unservable view, before anything runs.
    names.forEach(online::view);
    return names.stream().distinct().toList();
  }

  private MaterializationResult run(FeatureRepository repository, Map<String, Optional<Instant>> starts, Instant end,
      List<ViewMaterialization> upToDate, Progress progress) {
    requireNonNull(progress, "progress is null");
    MetadataStore metadata = stores.metadata();
    OnlineViews online = OnlineViews.of(repository);
    String project = repository.config().project();
    Map<String, MaterializationRun> runs = new LinkedHashMap<>();
    starts.forEach((view, start) -> runs.put(view, metadata.startMaterialization(project,
        Map.of(view, online.view(view).version()), start.orElse(BEGINNING), end)));
    List<ViewMaterialization> done = new ArrayList<>(upToDate);
    Outcomes outcomes = new Outcomes(metadata, runs, done);
    try {
      validation.check(repository, metadata, starts.keySet(),
          view -> new EventInterval(starts.get(view), Optional.of(end)), progress);
      List<ViewMaterializer.ViewRun> toRun = new ArrayList<>();
      starts.forEach((view, start) -> toRun.add(new ViewMaterializer.ViewRun(online.view(view), start,
          runs.get(view).id())));
      engine.materialize(repository, toRun, end, progress, outcomes);
      if (!runs.isEmpty()) {
        throw new IllegalStateException("the engine returned without materializing " + runs.keySet());
      }
      return new MaterializationResult(done);
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      for (Map.Entry<String, MaterializationRun> open : runs.entrySet()) {
        String error = outcomes.failedView == null || open.getKey().equals(outcomes.failedView) ? reason
            : "not run: materialization of " + outcomes.failedView + " failed first";
        // The view that failed half way records what it wrote before: those rows are online.
        RunCounts counts = open.getKey().equals(outcomes.failedView) ? outcomes.failedCounts : RunCounts.NONE;
        try {
          metadata.finishMaterialization(open.getValue().id(), RunStatus.FAILED, counts, Optional.of(error));
        } catch (RuntimeException recording) {
          e.addSuppressed(recording);
        }
      }
      throw e;
    }
  }

  /**
   * Records each view's outcome as the engine reports it: a success at once (a later view's
   * failure does not undo it), a failure's view and counts for the caller to record with the
   * reason.
   */
  private static final class Outcomes implements ViewMaterializer.ViewResults {
    private final MetadataStore metadata;
    private final Map<String, MaterializationRun> open;
    private final List<ViewMaterialization> done;
    private String failedView;
    private RunCounts failedCounts = RunCounts.NONE;

    Outcomes(MetadataStore metadata, Map<String, MaterializationRun> open, List<ViewMaterialization> done) {
      this.metadata = metadata;
      this.open = open;
      this.done = done;
    }

    @Override
    public void succeeded(ViewMaterialization result) {
      metadata.finishMaterialization(result.runId().orElseThrow(), RunStatus.SUCCEEDED,
          new RunCounts(result.rowsRead(), result.written(), result.entities()), Optional.empty());
      open.remove(result.view());
      done.add(result);
      if (result.skipped().any()) {
        LOG.warn("Materialization of {} (run {}){}", result.view(), result.runId().get(), result.renderSkipped());
      }
    }

    @Override
    public void failed(String view, RunCounts soFar) {
      failedView = view;
      failedCounts = soFar;
    }
  }
}
