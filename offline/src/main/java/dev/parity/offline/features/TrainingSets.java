package dev.parity.offline.features;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.EntityTable;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineException;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;
import dev.parity.offline.SkippedRows;
import dev.parity.offline.engine.EntityFiles;
import dev.parity.offline.TrainingSetRequest;
import dev.parity.offline.TrainingSetResult;
import dev.parity.offline.features.SelectionPlan.Output;
import dev.parity.offline.features.SelectionPlan.RequestField;
import dev.parity.offline.work.WorkFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Builds training sets from a repository's definitions (docs/offline.md): resolves the feature service or
 * feature list, joins the feature views it needs with the {@link OfflineEngine} into a temporary
 * Parquet file, then computes the on-demand features from the joined values and the entity
 * table's request columns with the repository's compiled expressions (the same compiled form the
 * online path evaluates row by row), and writes the entity columns followed by the selected
 * features, in selection order. Statistics of every selected feature, the entity table's
 * fingerprint and the versions of the views used come back in the result.
 *
 * <p>Thread-safe: independent builds may run concurrently (the engine is, and each build has its
 * own temporary directory and allocator).
 */
public final class TrainingSets {
  private final OfflineEngine engine;
  private final BufferAllocator allocator;
  private final OfflineOptions options;
  private final Clock clock;
  private final boolean forceOutputPass;

  /**
   * @param engine joins the feature views
   * @param allocator parent of the child allocator of each build's on-demand pass; the caller
   *     keeps ownership
   * @param options temporary directory (a fresh sub-directory per build, deleted afterwards),
   *     batch size and memory limit of the on-demand pass
   * @param clock gives the {@code now} of each build's future-time limit ({@link FutureTimeLimit})
   */
  public TrainingSets(OfflineEngine engine, BufferAllocator allocator, OfflineOptions options, Clock clock) {
    this(engine, allocator, options, clock, false);
  }

  /** With the system clock. */
  public TrainingSets(OfflineEngine engine, BufferAllocator allocator, OfflineOptions options) {
    this(engine, allocator, options, Clock.systemUTC(), false);
  }

  /** With {@code forceOutputPass}, the output is always rewritten by the output pass (for tests). */
  TrainingSets(OfflineEngine engine, BufferAllocator allocator, OfflineOptions options, Clock clock,
      boolean forceOutputPass) {
    this.engine = requireNonNull(engine, "engine is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.options = requireNonNull(options, "options is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.forceOutputPass = forceOutputPass;
  }

  /**
   * The feature columns a training set of {@code selector} has after the entity table's columns,
   * with their types, in order, worked out without reading any data (the same plan {@link #build}
   * follows).
   *
   * @throws dev.parity.definitions.UnknownDefinitionException an unknown service, view or feature
   * @throws dev.parity.definitions.SelectionException clashing output names, a feature selected
   *     twice
   */
  public static Map<String, DataType> featureColumns(FeatureRepository repository, FeatureSelector selector,
      boolean fullNames) {
    Map<String, DataType> columns = new LinkedHashMap<>();
    SelectionPlan.resolve(repository, selector, fullNames).outputs.forEach(o -> columns.put(o.column(), o.type()));
    return columns;
  }

  /**
   * Builds the training set {@code spec} describes. One output row per entity row, in input order;
   * the entity table's columns first, unchanged; then one column per selected feature with its
   * declared type. Source rows with an event or created time beyond the repository's future-time
   * limit at the start of the build ({@link FutureTimeLimit}) are ignored and counted in the
   * result. On failure nothing is written and temporary files are removed.
   *
   * @throws dev.parity.definitions.UnknownDefinitionException if the service, a view or a feature
   *     is unknown
   * @throws dev.parity.definitions.SelectionException if output names clash or a feature is
   *     selected twice
   * @throws TrainingSetRequestException if the selection reads no feature view
   * @throws dev.parity.offline.InputSchemaException if the entity table lacks a join key, {@code
   *     event_timestamp} or a request column of a selected on-demand feature, or has one of the
   *     wrong type, or a row with a null join key or event time
   * @throws OfflineException for the engine's failures (missing or corrupt inputs, CSV values...)
   */
  public BuiltTrainingSet build(FeatureRepository repository, TrainingSetSpec spec, Progress progress) {
    return build(repository, spec, Optional.empty(), progress);
  }

  /**
   * As {@link #build(FeatureRepository, TrainingSetSpec, Progress)}, on the entity table the caller
   * opened ({@link EntityFiles#open}), whose footers were read once and are not read again.
   *
   * @param entities {@code spec.entityTable()}, opened
   * @throws IllegalArgumentException if {@code entities} is another table
   */
  public BuiltTrainingSet build(FeatureRepository repository, TrainingSetSpec spec, EntityFiles entities,
      Progress progress) {
    requireNonNull(entities, "entities is null");
    requireNonNull(spec, "spec is null");
    if (!entities.location().equals(spec.entityTable().toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("the opened entity table " + entities.location()
          + " is not the spec's " + spec.entityTable());
    }
    return build(repository, spec, Optional.of(entities), progress);
  }

  /** @param opened the entity table if the caller opened it; opened here otherwise */
  private BuiltTrainingSet build(FeatureRepository repository, TrainingSetSpec spec, Optional<EntityFiles> opened,
      Progress progress) {
    requireNonNull(repository, "repository is null");
    requireNonNull(spec, "spec is null");
    requireNonNull(progress, "progress is null");
    FutureTimeLimit futureLimit = repository.config().futureTimeLimit(clock);
    SelectionPlan plan = plan(repository, spec);
    List<OfflineView> views = new ArrayList<>();
    plan.viewFeatures.forEach((name, features) ->
        views.add(OfflineViews.from(repository, repository.featureView(name).orElseThrow(), features)));
    EntityTableInput entities = new EntityTableInput(
        opened.orElseGet(() -> EntityFiles.open(spec.entityTable())), csvTypes(plan, views));
    checkEntityColumns(plan, views, entities);
    // The entity table's fingerprint (lineage) is read on a thread of its own while the engine
    // joins: read before the join, it held it up (0.1 s at 1M rows, about 1 s at 10M under C1).
    FutureTask<String> fingerprint = new FutureTask<>(entities::fingerprint);
    Thread hashing = new Thread(fingerprint, "parity-entity-fingerprint");
    hashing.setDaemon(true);
    hashing.start();
    OutputPass.Written written;
    String entityFingerprint;
    Map<String, SkippedRows> skipped;
    try (TempDirectory temp = new TempDirectory(options.tempDirectory());
        BufferAllocator pass = allocator.newChildAllocator("training-set-output", 0, options.memoryLimitBytes())) {
      Path joined = temp.path.resolve("joined.parquet");
      // The engine's rows-written would count twice: progress reports the final file only.
      Progress joinProgress = new Progress() {
        @Override
        public void rowsRead(String table, long rows) {
          progress.rowsRead(table, rows);
        }

        @Override
        public void partitionDone(int done, int total) {
          progress.partitionDone(done, total);
        }
      };
      TrainingSetResult result = engine.buildTrainingSet(new TrainingSetRequest(entities.engineTable(), views, joined,
          spec.asOfCreated(), Optional.of(futureLimit)), entities.files(), joinProgress);
      long rows = result.rows();
      skipped = result.skipped();
      // Before the output is published: a fingerprint that cannot be read fails the run, which
      // must then leave an earlier file at the output path as it was.
      entityFingerprint = await(fingerprint);
      List<String> entityColumns = entities.columns();
      // The engine knows what it wrote: no read of the joined file's footer.
      Map<String, DataType> joinedTypes = new LinkedHashMap<>();
      result.schema().forEach(c -> joinedTypes.put(c.name(), c.type()));
      List<DataType> entityTypes = entityColumns.stream().map(joinedTypes::get).toList();
      OutputPass output = new OutputPass(plan, entityColumns, entityTypes);
      // Nothing to compute or rename (no on-demand features, the engine's column order): the
      // joined file is the output; only the statistics need a read of its feature columns.
      written = output.joinedIsOutput(joinedTypes) && !forceOutputPass
          ? output.publish(joined, spec.output(), temp.folder, rows, options.threads(), progress)
          : output.write(joined, spec.output(), temp.folder, pass, options.batchRows(), options.threads(), progress);
    } catch (RuntimeException e) {
      fingerprint.cancel(true);
      throw e;
    }
    RepositoryVersions versions = RepositoryVersions.of(repository);
    Map<String, String> viewVersions = viewVersions(plan, versions);
    Optional<String> service = spec.selector().service();
    return new BuiltTrainingSet(spec.output().toAbsolutePath(), written.rows(), written.columns(), service,
        service.map(s -> versions.version(ObjectKind.FEATURE_SERVICE, s)),
        plan.outputs.stream().map(Output::ref).toList(), viewVersions, entityFingerprint, written.statistics(),
        futureLimit, skipped);
  }

  /**
   * Checks the selection of {@code spec} against {@code repository} without reading any file:
   * what {@link #build} would refuse first, refused with the same exception and message. For
   * callers that accept a request now and build it later.
   *
   * @throws TrainingSetRequestException if the service, a view or a feature is unknown, a feature
   *     is selected twice, output names clash, or the selection reads no feature view
   */
  public static void checkSelection(FeatureRepository repository, TrainingSetSpec spec) {
    requireNonNull(repository, "repository is null");
    requireNonNull(spec, "spec is null");
    plan(repository, spec);
  }

  /**
   * The join {@code spec} asks of an engine that writes the output itself ({@link EngineJoin}):
   * the same plan {@link #build} follows, its on-demand features with the repository's compiled
   * expressions. Reads no file: {@link #checkEntityTable} checks the entity table.
   *
   * @throws TrainingSetRequestException as {@link #checkSelection}
   */
  public static EngineJoin engineJoin(FeatureRepository repository, TrainingSetSpec spec) {
    SelectionPlan plan = plan(repository, spec);
    List<OfflineView> views = new ArrayList<>();
    plan.viewFeatures.forEach((name, features) ->
        views.add(OfflineViews.from(repository, repository.featureView(name).orElseThrow(), features)));
    List<EngineJoin.OutputFeature> outputs = new ArrayList<>();
    plan.outputs.forEach(o -> outputs.add(
        new EngineJoin.OutputFeature(o.ref(), SelectionPlan.joinedColumn(o.ref()), o.column(), o.type())));
    List<EngineJoin.OnDemandColumn> onDemand = new ArrayList<>();
    plan.onDemandOrder.forEach(ref -> onDemand.add(
        new EngineJoin.OnDemandColumn(SelectionPlan.joinedColumn(ref), repository.expression(ref).orElseThrow())));
    return new EngineJoin(views, outputs, onDemand);
  }

  /**
   * Checks {@code spec}'s entity table as {@link #build} does before it joins, refusing with the
   * same exceptions and messages: the event time, every join key and every request column of the
   * selected on-demand features present with its type, and no output column clashing with one of
   * its columns. Reads the table's footers (a CSV table's header), not its rows.
   *
   * @return the table as an engine's {@link TrainingSetRequest} names it (Parquet, or CSV with the
   *     types the definitions give its columns)
   * @throws dev.parity.offline.InputSchemaException for a missing column or one of the wrong type
   * @throws TrainingSetRequestException for an output column clashing with an entity column
   * @throws OfflineException if the table cannot be opened
   */
  public static EntityTable checkEntityTable(FeatureRepository repository, TrainingSetSpec spec) {
    SelectionPlan plan = plan(repository, spec);
    List<OfflineView> views = new ArrayList<>();
    plan.viewFeatures.forEach((name, features) ->
        views.add(OfflineViews.from(repository, repository.featureView(name).orElseThrow(), features)));
    EntityTableInput entities = new EntityTableInput(EntityFiles.open(spec.entityTable()), csvTypes(plan, views));
    checkEntityColumns(plan, views, entities);
    return entities.engineTable();
  }

  /**
   * What an engine that wrote {@code spec}'s output itself ({@link #engineJoin}) built: the
   * output's columns, the statistics of its feature columns (read from its Parquet files in name
   * order, so that they equal those of the same rows in one file), the entity table's
   * fingerprint and the versions of the views used: the record {@link #build} returns.
   *
   * @param output the file or directory the engine wrote
   * @param rows its row count, as the engine reported it
   * @param skipped per view, the source rows the engine left out
   * @param futureLimit the future-time limit the engine applied
   * @throws OfflineException if the entity table or the output cannot be read
   */
  public BuiltTrainingSet describe(FeatureRepository repository, TrainingSetSpec spec, Path output, long rows,
      Map<String, SkippedRows> skipped, FutureTimeLimit futureLimit) {
    requireNonNull(output, "output is null");
    SelectionPlan plan = plan(repository, spec);
    List<StatisticsCollector> collectors = plan.outputs.stream()
        .map(o -> new StatisticsCollector(o.ref().view() + ":" + o.ref().feature(), o.column(), o.type())).toList();
    List<FeatureStatistics> statistics = ColumnStatisticsReader.read(EntityFiles.open(output).files(), collectors,
        options.threads());
    return describe(repository, spec, output, rows, skipped, futureLimit, statistics);
  }

  /**
   * As {@link #describe(FeatureRepository, TrainingSetSpec, Path, long, Map, FutureTimeLimit)},
   * with the statistics the engine computed while it wrote the output ({@link
   * TrainingSetStatistics}), which is then not read.
   *
   * @param statistics one per selected feature, in output order
   * @throws IllegalArgumentException if {@code statistics} are not of the selected features' columns
   */
  public BuiltTrainingSet describe(FeatureRepository repository, TrainingSetSpec spec, Path output, long rows,
      Map<String, SkippedRows> skipped, FutureTimeLimit futureLimit, List<FeatureStatistics> statistics) {
    requireNonNull(repository, "repository is null");
    requireNonNull(output, "output is null");
    requireNonNull(statistics, "statistics is null");
    SelectionPlan plan = plan(repository, spec);
    List<String> expected = plan.outputs.stream().map(Output::column).toList();
    List<String> given = statistics.stream().map(FeatureStatistics::column).toList();
    if (!given.equals(expected)) {
      throw new IllegalArgumentException("statistics of columns " + given + ", not of the output's " + expected);
    }
    EntityTableInput entities = new EntityTableInput(EntityFiles.open(spec.entityTable()), csvTypes(plan, List.of()));
    List<String> columns = new ArrayList<>(entities.columns());
    plan.outputs.forEach(o -> columns.add(o.column()));
    RepositoryVersions versions = RepositoryVersions.of(repository);
    Map<String, String> viewVersions = viewVersions(plan, versions);
    Optional<String> service = spec.selector().service();
    return new BuiltTrainingSet(output.toAbsolutePath(), rows, columns, service,
        service.map(s -> versions.version(ObjectKind.FEATURE_SERVICE, s)),
        plan.outputs.stream().map(Output::ref).toList(), viewVersions, entities.fingerprint(), statistics,
        futureLimit, skipped);
  }

  /** The version of every feature view joined and on-demand view computed, by name. */
  private static Map<String, String> viewVersions(SelectionPlan plan, RepositoryVersions versions) {
    Map<String, String> viewVersions = new LinkedHashMap<>();
    plan.viewFeatures.keySet().forEach(v -> viewVersions.put(v, versions.version(ObjectKind.FEATURE_VIEW, v)));
    plan.onDemandOrder.forEach(r -> viewVersions.put(r.view(), versions.version(ObjectKind.ON_DEMAND_FEATURE_VIEW, r.view())));
    return viewVersions;
  }

  private static SelectionPlan plan(FeatureRepository repository, TrainingSetSpec spec) {
    SelectionPlan plan = SelectionPlan.resolve(repository, spec.selector(), spec.fullNames());
    if (plan.viewFeatures.isEmpty()) {
      throw new TrainingSetRequestException("the selected features read no feature view (only request data);"
          + " the offline path needs at least one feature view to join");
    }
    return plan;
  }

  private static String await(FutureTask<String> fingerprint) {
    try {
      return fingerprint.get();
    } catch (InterruptedException e) {
      fingerprint.cancel(true);
      Thread.currentThread().interrupt();
      throw new OfflineException("interrupted while reading the entity table's fingerprint", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new OfflineException("cannot read the entity table's fingerprint: " + e.getCause(), e.getCause());
    }
  }

  /** Types of a CSV entity table's columns that the definitions fix. */
  private static Map<String, DataType> csvTypes(SelectionPlan plan, List<OfflineView> views) {
    Map<String, DataType> types = new HashMap<>();
    types.put(EntityTable.EVENT_TIMESTAMP, DataType.TIMESTAMP);
    for (OfflineView view : views) {
      view.joinKeys().forEach(k -> types.put(k.name(), k.type()));
    }
    plan.requestFields.values().forEach(f -> types.put(f.name(), f.type()));
    return types;
  }

  /** Checks up front what the join would find late or not at all: request columns and name clashes. */
  private static void checkEntityColumns(SelectionPlan plan, List<OfflineView> views, EntityTableInput entities) {
    entities.require(EntityTable.EVENT_TIMESTAMP, DataType.TIMESTAMP, "entity event time");
    for (OfflineView view : views) {
      for (ColumnSpec key : view.joinKeys()) {
        entities.require(key.name(), key.type(), "join key of feature view " + view.name());
      }
    }
    for (RequestField field : plan.requestFields.values()) {
      entities.require(field.name(), field.type(), "request field of on-demand feature view " + field.view());
    }
    Set<String> entityColumns = Set.copyOf(entities.columns());
    for (Output output : plan.outputs) {
      if (entityColumns.contains(output.column())) {
        throw new TrainingSetRequestException("output column '" + output.column() + "' of feature "
            + output.ref().view() + ":" + output.ref().feature() + " clashes with a column of the entity table "
            + entities.firstFile() + (output.column().contains("__") ? "" : "; ask for full view__feature names"));
      }
    }
  }

  /**
   * A fresh working folder for one build's joined file, locked while the build lives and deleted
   * with its contents on close; claiming it first removes the folders of dead processes ({@link
   * WorkFolder}).
   */
  private static final class TempDirectory implements AutoCloseable {
    final WorkFolder folder;
    final Path path;

    TempDirectory(Path parent) {
      try {
        this.folder = WorkFolder.claim(parent, "parity-training-set-");
        this.path = folder.path();
      } catch (IOException e) {
        throw new OfflineException(parent, "cannot create a temporary directory: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try {
        folder.close();
      } catch (UncheckedIOException e) {
        throw new OfflineException(path, "cannot delete temporary directory: " + e.getCause().getMessage(), e);
      }
    }
  }
}
