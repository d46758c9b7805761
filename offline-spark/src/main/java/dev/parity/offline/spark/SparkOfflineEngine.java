package dev.parity.offline.spark;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_micros;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.LatestValuesConsumer;
import dev.parity.offline.LatestValuesRequest;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineException;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;
import dev.parity.offline.SkippedRows;
import dev.parity.offline.TrainingSetRequest;
import dev.parity.offline.TrainingSetResult;
import dev.parity.offline.features.EngineJoin;
import dev.parity.offline.features.FeatureStatistics;
import dev.parity.offline.features.TrainingSetStatistics;
import dev.parity.ParityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The offline engine on Apache Spark: the embedded engine's training sets, cell by cell, from the
 * same definitions (docs/offline.md). Per view, the entity rows {@code (row, T, keys)} and the
 * kept source rows {@code (keys, ts, created, source order, values)} are hash-partitioned by key
 * (hot keys spread over time ranges, {@link HotKeySpread}), sorted within each partition by
 * time and merged in one streaming pass ({@link AsOfMerge}): no range join. Row transforms run in
 * the executors over Arrow batches with feature-definitions' compiled evaluator ({@link
 * SourceTransform}). The views' results are joined back to the entity rows by row number; on-demand
 * features are computed from them in the executors with the same evaluator ({@link
 * OnDemandTransform}); the rows are written by the executors, range-partitioned and sorted by row
 * number, so that the part files in name order hold the rows in entity table order ({@link
 * OutputDirectory}), and the write's tasks collect the feature columns' statistics as they write
 * ({@link StatisticsPass}).
 *
 * <p>Inputs are Parquet on a file system every executor sees under the same path (local mode, or
 * a shared mount). Thread-safe as far as the session is: runs may share one session.
 */
public final class SparkOfflineEngine implements OfflineEngine {
  private final SparkSession spark;
  private final SparkEngineOptions options;

  public SparkOfflineEngine(SparkSession spark, SparkEngineOptions options) {
    this.spark = requireNonNull(spark, "spark is null");
    this.options = requireNonNull(options, "options is null");
  }

  /**
   * Builds the training set into the directory {@code request.output()}: Parquet part files whose
   * rows, read in file name order, are the entity rows in input order; {@code _SUCCESS}; and
   * {@code _parity.json} (the columns, row count, skipped rows and the feature columns'
   * statistics, named {@code view:feature}). The directory appears only when the run succeeds and
   * replaces an earlier one.
   */
  @Override
  public TrainingSetResult buildTrainingSet(TrainingSetRequest request, Progress progress) {
    return run(request, Optional.empty(), progress).result();
  }

  /**
   * As {@link #buildTrainingSet(TrainingSetRequest, Progress)}, the output shaped as {@code join}
   * asks ({@link EngineJoin}, from {@link dev.parity.offline.features.TrainingSets#engineJoin}):
   * after the entity table's columns, the selected features in its order under their output
   * names, on-demand features computed in the executors with the repository's compiled
   * expressions, from the joined values and the entity table's request columns. The views joined
   * are {@code request.views()}, which should be {@code join.views()}.
   *
   * @throws OfflineException if a selected feature is not a column the views or the on-demand
   *     features produce
   * @throws InputSchemaException if the entity table lacks a request column an on-demand feature
   *     reads, or has it with another type
   */
  public SparkTrainingSet buildTrainingSet(TrainingSetRequest request, EngineJoin join, Progress progress) {
    return run(request, Optional.of(requireNonNull(join, "join is null")), progress);
  }

  private SparkTrainingSet run(TrainingSetRequest request, Optional<EngineJoin> join, Progress progress) {
    requireNonNull(request, "request is null");
    requireNonNull(progress, "progress is null");
    try {
      return build(request, join, progress);
    } catch (ParityException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new OfflineException("Spark training set failed: " + e.getMessage(), e);
    }
  }

  private SparkTrainingSet build(TrainingSetRequest request, Optional<EngineJoin> join, Progress progress) {
    EntityScan entities = new EntityScan(request.entities(), request.views());
    List<SourceScan> sources = new ArrayList<>();
    for (OfflineView view : request.views()) {
      sources.add(new SourceScan(view));
    }
    Dataset<Row> entityRows = entities.rows(spark);
    EntityScan.Stats stats = entities.stats(entityRows);
    progress.rowsRead("entities", stats.rows());
    Long asOf = request.asOfCreated().map(SparkOfflineEngine::micros).orElse(null);
    long latest = request.futureLimit().map(FutureTimeLimit::latestMicros).orElse(Long.MAX_VALUE);
    int partitions = options.partitions() > 0 ? options.partitions()
        : Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));

    Dataset<Row> joined = entityRows;
    List<ColumnSpec> schema = new ArrayList<>();
    List<Column> output = new ArrayList<>();
    entities.columns().forEach((name, type) -> {
      schema.add(new ColumnSpec(name, type));
      output.add(col(Columns.quote(name)));
    });
    Map<String, SkippedRows> skipped = new LinkedHashMap<>();
    Map<String, DataType> features = new LinkedHashMap<>();
    List<TrainingSetStatistics.FeatureColumn> produced = new ArrayList<>();
    for (int v = 0; v < sources.size(); v++) {
      OfflineView view = request.views().get(v);
      SourceScan source = sources.get(v);
      ViewSpec spec = source.spec();
      long back = spec.lookBackMicros();
      long min = back < 0 || stats.minTime() > stats.maxTime() ? Long.MIN_VALUE : stats.minTime() - back;
      skipped.put(view.name(), source.skipped(spark, min, stats.maxTime(), asOf, latest));
      Optional<Column> keyFilter = KeyBloomFilter.sourceFilter(spark, entityRows, stats.rows(), view.joinKeys(),
          source.rows(spark), options.bloomFilterRatio());
      Dataset<Row> merged = merge(spec, view, entityRows,
          source.layout(spark, min, stats.maxTime(), asOf, latest, options.batchRows(), keyFilter), partitions);
      String row = "__r" + v;
      List<Column> renamed = new ArrayList<>(List.of(col("row").as(row)));
      for (int o = 0; o < spec.outputs().size(); o++) {
        ViewSpec.Output out = spec.outputs().get(o);
        String name = view.name() + "__" + out.name();
        Column value = col("o" + o);
        renamed.add((out.type() == DataType.TIMESTAMP ? timestamp_micros(value) : value).as(name));
        features.put(name, out.type());
        produced.add(new TrainingSetStatistics.FeatureColumn(view.name() + ":" + out.name(), name, out.type()));
      }
      Dataset<Row> results = merged.select(renamed.toArray(Column[]::new));
      joined = joined.join(results, joined.col(InputFiles.ROW).equalTo(results.col(row)), "left_outer").drop(row);
      progress.partitionDone(v + 1, sources.size());
    }
    if (join.isPresent() && !join.get().onDemand().isEmpty()) {
      joined = new OnDemandColumns(entities, features, options.batchRows()).add(joined, join.get().onDemand());
    }
    // Without a join's selection: every view's columns under their engine names.
    List<TrainingSetStatistics.FeatureColumn> selected = join.map(TrainingSetStatistics::columns).orElse(produced);
    List<String> engineColumns = join.map(j -> j.outputs().stream().map(EngineJoin.OutputFeature::engineColumn).toList())
        .orElseGet(() -> produced.stream().map(TrainingSetStatistics.FeatureColumn::column).toList());
    for (int f = 0; f < selected.size(); f++) {
      String engineColumn = engineColumns.get(f);
      DataType type = features.get(engineColumn);
      if (type == null) {
        throw new OfflineException("no view produces column " + engineColumn, null);
      }
      schema.add(new ColumnSpec(selected.get(f).column(), type));
      output.add(col(Columns.quote(engineColumn)).as(selected.get(f).column()));
    }
    output.add(col(InputFiles.ROW));
    Dataset<Row> ordered = joined.select(output.toArray(Column[]::new))
        .repartitionByRange(partitions, col(InputFiles.ROW))
        .sortWithinPartitions(InputFiles.ROW)
        .drop(InputFiles.ROW);
    StatisticsAccumulator statistics = new StatisticsAccumulator(selected);
    spark.sparkContext().register(statistics);
    int[] fields = new int[selected.size()];
    for (int f = 0; f < fields.length; f++) {
      fields[f] = entities.columns().size() + f;
    }
    Dataset<Row> counted = ordered.mapPartitions(new StatisticsPass(statistics, fields), Encoders.row(ordered.schema()));
    AtomicReference<List<FeatureStatistics>> results = new AtomicReference<>();
    new OutputDirectory(request.output()).write(spark, counted, schema, stats.rows(), skipped, () -> {
      List<FeatureStatistics> collected = statistics.finish().results();
      for (FeatureStatistics s : collected) {
        if (s.count() != stats.rows()) {
          // A write task's part did not arrive: the statistics would be of part of the output.
          throw new IllegalStateException("statistics of " + s.count() + " rows of " + stats.rows() + " for " + s.column());
        }
      }
      results.set(collected);
      return collected;
    });
    progress.rowsWritten(stats.rows());
    return new SparkTrainingSet(new TrainingSetResult(request.output(), stats.rows(), schema, skipped), results.get());
  }

  /** One view's as-of merge: {@code (row, o0..om)} for every entity row. */
  private Dataset<Row> merge(ViewSpec spec, OfflineView view, Dataset<Row> entityRows, Dataset<Row> sourceLayout,
      int partitions) {
    Dataset<Row> rows = sourceLayout.union(EntityScan.layout(entityRows, spec, view.joinKeys()));
    Map<HotKeySpread.Key, long[]> hot = HotKeys.find(spark, entityRows, view.joinKeys(), options);
    if (!hot.isEmpty()) {
      rows = rows.flatMap(new HotKeySpread(spec, hot, spec.lookBackMicros()), Encoders.row(SourceScan.layoutSchema(spec)));
    }
    List<Column> keys = new ArrayList<>();
    for (int k = 0; k < spec.keyCount(); k++) {
      keys.add(col("k" + k));
    }
    keys.add(col("bucket"));
    List<Column> order = new ArrayList<>(keys);
    order.addAll(List.of(col("time"), col("side"), col("cr").asc_nulls_first(), col("seq")));
    return rows.repartition(partitions, keys.toArray(Column[]::new))
        .sortWithinPartitions(order.toArray(Column[]::new))
        .mapPartitions(new AsOfMerge(spec), Encoders.row(resultSchema(spec)));
  }

  private static StructType resultSchema(ViewSpec spec) {
    StructType schema = new StructType().add("row", DataTypes.LongType, false);
    for (int o = 0; o < spec.outputs().size(); o++) {
      schema = schema.add("o" + o, SparkTypes.internal(spec.outputs().get(o).type()), true);
    }
    return schema;
  }

  /**
   * Refused: delivering every entity's latest values to one consumer on the driver would not
   * scale; {@link SparkMaterialization} computes them on the cluster and the executors write them
   * to the online store.
   */
  @Override
  public SkippedRows latestValues(LatestValuesRequest request, LatestValuesConsumer consumer, Progress progress) {
    throw new OfflineException("the Spark engine materializes with SparkMaterialization (the executors write to "
        + "the online store), not through latest values delivered to the driver", null);
  }

  private static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }
}
