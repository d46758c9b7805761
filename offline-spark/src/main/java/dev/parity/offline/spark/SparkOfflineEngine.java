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
import dev.parity.ParityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * SourceTransform}). The views' results are joined back to the entity rows by row number and
 * written by the executors, range-partitioned and sorted by row number, so that the part files in
 * name order hold the rows in entity table order ({@link OutputDirectory}).
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
   * {@code _parity.json} (the columns, row count and skipped rows). The directory appears only
   * when the run succeeds and replaces an earlier one.
   */
  @Override
  public TrainingSetResult buildTrainingSet(TrainingSetRequest request, Progress progress) {
    return buildTrainingSet(request, Optional.empty(), progress);
  }

  /**
   * As {@link #buildTrainingSet(TrainingSetRequest, Progress)}, with the feature columns renamed
   * and ordered as a training set's output asks ({@link dev.parity.offline.features.EngineJoin}):
   * after the entity table's columns, {@code featureColumns}' values in its order, each the
   * engine's column named by its key ({@code view__feature}).
   *
   * @throws OfflineException if a key of {@code featureColumns} is not a column the views produce
   */
  public TrainingSetResult buildTrainingSet(TrainingSetRequest request, Map<String, String> featureColumns,
      Progress progress) {
    return buildTrainingSet(request, Optional.of(requireNonNull(featureColumns, "featureColumns is null")), progress);
  }

  private TrainingSetResult buildTrainingSet(TrainingSetRequest request, Optional<Map<String, String>> featureColumns,
      Progress progress) {
    requireNonNull(request, "request is null");
    requireNonNull(progress, "progress is null");
    try {
      return build(request, featureColumns, progress);
    } catch (ParityException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new OfflineException("Spark training set failed: " + e.getMessage(), e);
    }
  }

  private TrainingSetResult build(TrainingSetRequest request, Optional<Map<String, String>> featureColumns,
      Progress progress) {
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
    for (int v = 0; v < sources.size(); v++) {
      OfflineView view = request.views().get(v);
      SourceScan source = sources.get(v);
      ViewSpec spec = source.spec();
      long back = spec.lookBackMicros();
      long min = back < 0 || stats.minTime() > stats.maxTime() ? Long.MIN_VALUE : stats.minTime() - back;
      skipped.put(view.name(), source.skipped(spark, min, stats.maxTime(), asOf, latest));
      Dataset<Row> merged = merge(spec, view, entityRows,
          source.layout(spark, min, stats.maxTime(), asOf, latest, options.batchRows()), partitions);
      String row = "__r" + v;
      List<Column> renamed = new ArrayList<>(List.of(col("row").as(row)));
      for (int o = 0; o < spec.outputs().size(); o++) {
        ViewSpec.Output out = spec.outputs().get(o);
        String name = view.name() + "__" + out.name();
        Column value = col("o" + o);
        renamed.add((out.type() == DataType.TIMESTAMP ? timestamp_micros(value) : value).as(name));
        features.put(name, out.type());
      }
      Dataset<Row> results = merged.select(renamed.toArray(Column[]::new));
      joined = joined.join(results, joined.col(InputFiles.ROW).equalTo(results.col(row)), "left_outer").drop(row);
      progress.partitionDone(v + 1, sources.size());
    }
    Map<String, String> renames = featureColumns.orElseGet(() -> identity(features.keySet()));
    renames.forEach((joinedName, name) -> {
      DataType type = features.get(joinedName);
      if (type == null) {
        throw new OfflineException("no view produces column " + joinedName, null);
      }
      schema.add(new ColumnSpec(name, type));
      output.add(col(Columns.quote(joinedName)).as(name));
    });
    output.add(col(InputFiles.ROW));
    Dataset<Row> ordered = joined.select(output.toArray(Column[]::new))
        .repartitionByRange(partitions, col(InputFiles.ROW))
        .sortWithinPartitions(InputFiles.ROW)
        .drop(InputFiles.ROW);
    new OutputDirectory(request.output()).write(spark, ordered, schema, stats.rows(), skipped);
    progress.rowsWritten(stats.rows());
    return new TrainingSetResult(request.output(), stats.rows(), schema, skipped);
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

  private static Map<String, String> identity(Iterable<String> names) {
    Map<String, String> same = new LinkedHashMap<>();
    names.forEach(n -> same.put(n, n));
    return same;
  }

  private static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }
}
