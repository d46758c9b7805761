package dev.parity.offline.spark;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import dev.parity.ParityException;
import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.OfflineException;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;
import dev.parity.offline.SkippedRows;
import dev.parity.offline.features.OfflineViews;
import dev.parity.online.FeatureColumn;
import dev.parity.online.KeyColumn;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.OnlineView;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.serving.OnlineViews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Materialization on Apache Spark: the embedded materialization of one online feature view,
 * computed and written by the cluster (docs/offline.md, "Materialization on Spark").
 *
 * <p>The values are those the embedded engine's latest values give (what a training set at
 * {@code T = end} gets): the same source scan as the Spark training sets (ttl, as-of filters, the
 * created tie-break, source order from file metadata, row transforms through feature-definitions'
 * compiled evaluator in the executors, rows beyond the future-time limit or with a null key
 * skipped and counted), the source rows partitioned by key and sorted by time, one streaming pass
 * per key ({@link LatestMerge}). Each executor then writes its partition to Redis with the online
 * module's newer-wins store (standalone or Cluster, {@link RedisPartitionWriter}); counts come
 * back to the driver in accumulators, progress as write tasks finish.
 *
 * <p>Like the embedded one, a run is idempotent and resumable: rerunning an interval writes
 * nothing new, and a run that failed half way is completed by running it again. Validation rules
 * and the metadata store's run record are the caller's, as they are the server's
 * materialization's around the embedded engine. Declared defaults are filled as the embedded
 * engine fills them (a feature's where no source row is in range, an aggregation's where it is
 * null; a stored null stays null); an entity without a row within the ttl is still not written.
 *
 * <p>Thread-safe as far as the session is: runs may share one session.
 */
public final class SparkMaterialization {
  private final SparkSession spark;
  private final SparkEngineOptions options;
  private final RedisConnectionConfig redis;
  private final OnlineStoreSettings settings;

  /**
   * @param spark the session whose executors compute and write (each must reach Redis and the
   *     sources under the same paths)
   * @param options partitions of the key shuffle (and write tasks) and Arrow batch rows
   * @param redis the online store's Redis, as the server's configuration gives it
   * @param settings the online store's settings; its project must be the repository's
   */
  public SparkMaterialization(SparkSession spark, SparkEngineOptions options, RedisConnectionConfig redis,
      OnlineStoreSettings settings) {
    this.spark = requireNonNull(spark, "spark is null");
    this.options = requireNonNull(options, "options is null");
    this.redis = requireNonNull(redis, "redis is null");
    this.settings = requireNonNull(settings, "settings is null");
  }

  /**
   * Materializes feature view {@code view} of {@code repository} at {@code end}: for every entity
   * with a source row in {@code [start, end]} (for a view with aggregations, {@code [start -
   * longest window, end]}: rows leaving a window change its aggregate; without {@code start},
   * every row up to {@code end}), the values a training set at {@code end} gets are written
   * online, newer-wins, under the view's definition version. Entities without a row within the
   * ttl at {@code end} are counted but not written.
   *
   * @param start the interval start; empty: from the beginning (a view never materialized)
   * @param futureLimit source rows with an event or created time beyond it are skipped and counted
   * @param progress told of write tasks as they finish ({@code partitionDone}, {@code
   *     rowsWritten} with their entities) and of the rows read; called from Spark's listener
   *     thread and from the caller's
   * @return the counts, as the embedded materialization reports them
   * @throws IllegalArgumentException if {@code start} is after {@code end}, or the settings'
   *     project is not the repository's
   * @throws OnlineRequestException if the view is unknown
   * @throws dev.parity.online.serving.ViewNotServableException if the view is not online
   * @throws OfflineException if source data cannot be read or is not as the view declares
   * @throws SparkMaterializationException if writing failed (Redis unreachable, say: the cause),
   *     with what was written before
   */
  public SparkViewMaterialization materialize(FeatureRepository repository, String view, Optional<Instant> start,
      Instant end, Optional<FutureTimeLimit> futureLimit, Progress progress) {
    requireNonNull(repository, "repository is null");
    requireNonNull(view, "view is null");
    requireNonNull(start, "start is null");
    requireNonNull(end, "end is null");
    requireNonNull(futureLimit, "futureLimit is null");
    requireNonNull(progress, "progress is null");
    if (start.isPresent() && start.get().isAfter(end)) {
      throw new IllegalArgumentException("materialization start " + start.get() + " is after its end " + end);
    }
    if (!settings.project().equals(repository.config().project())) {
      throw new IllegalArgumentException("the online store settings are for project " + settings.project()
          + ", not for the repository's " + repository.config().project());
    }
    OnlineView online = OnlineViews.of(repository).view(view);
    FeatureView definition = repository.featureView(view).orElseThrow(
        () -> new OnlineRequestException("unknown feature view '" + view + "'"));
    OfflineView offline = OfflineViews.from(repository, definition);
    try {
      return run(online, offline, start, end, futureLimit, progress);
    } catch (ParityException e) {
      throw e;
    } catch (Exception e) {
      // Spark's job failures are SparkExceptions, checked in Java but thrown undeclared from Scala.
      Throwable cause = parityCause(e);
      if (cause instanceof ParityException parity) {
        throw parity;
      }
      throw new OfflineException("Spark materialization of " + view + " failed: " + e.getMessage(), e);
    }
  }

  private SparkViewMaterialization run(OnlineView online, OfflineView offline, Optional<Instant> start, Instant end,
      Optional<FutureTimeLimit> futureLimit, Progress progress) {
    SourceScan source = new SourceScan(offline);
    ViewSpec spec = source.spec();
    long t = micros(end);
    // As the embedded engine selects and scans (ArrowOfflineEngine.latestValues): rows in
    // [start, end], for aggregations from start - longest window.
    long selectFrom = Long.MIN_VALUE;
    long min = Long.MIN_VALUE;
    if (start.isPresent()) {
      selectFrom = micros(start.get());
      for (ViewSpec.Output o : spec.outputs()) {
        if (o.isAggregation()) {
          selectFrom = Math.min(selectFrom, saturatedMinus(micros(start.get()), o.windowMicros()));
        }
      }
      min = selectFrom;
    }
    long latest = futureLimit.map(FutureTimeLimit::latestMicros).orElse(Long.MAX_VALUE);
    SkippedRows skipped = source.skipped(spark, min, t, null, latest);
    int partitions = options.partitions() > 0 ? options.partitions()
        : Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));

    LongAccumulator merged = spark.sparkContext().longAccumulator("parity materialize " + online.name() + ": rows");
    List<Column> keys = new ArrayList<>();
    for (int k = 0; k < spec.keyCount(); k++) {
      keys.add(col("k" + k));
    }
    List<Column> order = new ArrayList<>(keys);
    order.addAll(List.of(col("time"), col("cr").asc_nulls_first(), col("seq")));
    Dataset<Row> latestRows = source.layout(spark, min, t, null, latest, options.batchRows())
        .repartition(partitions, keys.toArray(Column[]::new))
        .sortWithinPartitions(order.toArray(Column[]::new))
        .mapPartitions(new LatestMerge(spec, t, selectFrom, merged), Encoders.row(latestSchema(spec)));

    WriteCounts counts = new WriteCounts(spark.sparkContext(), online.name());
    RedisPartitionWriter writer = new RedisPartitionWriter(OnlineTarget.of(redis, settings, online),
        keyColumns(online, offline), featureColumns(online, spec), spec.keyCount() + spec.outputs().size(),
        spec.hasAggregations() ? t : null, counts);
    JavaRDD<Row> rdd = latestRows.javaRDD();
    WriteProgress listener = new WriteProgress(counts, rdd.getNumPartitions(), progress);
    spark.sparkContext().addSparkListener(listener);
    try {
      rdd.foreachPartition(writer);
      listener.finish(counts.entities.value());
    } catch (Exception e) {
      // Spark's job failures are SparkExceptions: checked in Java, thrown undeclared from Scala.
      listener.abandon();
      long[] done = counts.anyAttempt();
      SparkViewMaterialization partial = new SparkViewMaterialization(online.name(), online.version(), start, end,
          0, done[0], done[1], done[2], futureLimit, skipped);
      Throwable cause = parityCause(e);
      throw new SparkMaterializationException("materialization of " + online.name() + " on Spark failed after "
          + done[1] + " online rows written (" + done[0] + " entities delivered): " + cause.getMessage(), partial,
          cause);
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    long rowsRead = merged.value() + skipped.beyondFutureLimit() + skipped.nullKeys();
    progress.rowsRead(online.name(), rowsRead);
    return new SparkViewMaterialization(online.name(), online.version(), start, end, rowsRead,
        counts.entities.value(), counts.written.value(), counts.unchanged.value(), futureLimit, skipped);
  }

  /** The first of Parity's own exceptions in {@code e}'s causes (an executor's, sent back by Spark), else {@code e}. */
  private static Throwable parityCause(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ParityException) {
        return c;
      }
    }
    return e;
  }

  /** {@link LatestMerge}'s output: keys, outputs, event time, created time. */
  private static StructType latestSchema(ViewSpec spec) {
    StructType schema = new StructType();
    for (int k = 0; k < spec.keyCount(); k++) {
      schema = schema.add("k" + k, SparkTypes.internal(spec.keyTypes().get(k)), true);
    }
    for (int o = 0; o < spec.outputs().size(); o++) {
      schema = schema.add("o" + o, SparkTypes.internal(spec.outputs().get(o).type()), true);
    }
    return schema.add("event", DataTypes.LongType, true).add("created", DataTypes.LongType, true);
  }

  /** For each online join key (in the online view's order), its column: the offline key of that name. */
  private static int[] keyColumns(OnlineView online, OfflineView offline) {
    List<String> names = offline.joinKeys().stream().map(ColumnSpec::name).toList();
    int[] columns = new int[online.joinKeys().size()];
    for (int k = 0; k < columns.length; k++) {
      KeyColumn key = online.joinKeys().get(k);
      columns[k] = indexOf(names, key.name(), "join key", online.name());
    }
    return columns;
  }

  /** For each online feature (in storage order), its column: the output of that name. */
  private static int[] featureColumns(OnlineView online, ViewSpec spec) {
    List<String> names = spec.outputs().stream().map(ViewSpec.Output::name).toList();
    int[] columns = new int[online.features().size()];
    for (int f = 0; f < columns.length; f++) {
      FeatureColumn feature = online.features().get(f);
      int output = indexOf(names, feature.name(), "feature", online.name());
      DataType type = spec.outputs().get(output).type();
      if (type != feature.type()) {
        throw new IllegalStateException("feature " + online.name() + "." + feature.name() + " is " + type
            + " offline but " + feature.type() + " online");
      }
      columns[f] = spec.keyCount() + output;
    }
    return columns;
  }

  private static int indexOf(List<String> names, String name, String what, String view) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalStateException("the offline view " + view + " has no " + what + " " + name);
    }
    return i;
  }

  private static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  private static long saturatedMinus(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
  }
}
