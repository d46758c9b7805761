package dev.parity.offline.spark;

import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.xxhash64;

import dev.parity.offline.ColumnSpec;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.sketch.BloomFilter;

/**
 * Bloom-filter pruning of a view's source rows by the entity table's keys, when the entity table is
 * much smaller than the source ({@link #applies}): a filter of the 64-bit hashes of the entity keys
 * ({@code xxhash64} of the keys as the jobs carry them, so an int32 key in one file and an int64
 * key in another hash alike), built by {@code DataFrameStatFunctions.bloomFilter}, broadcast, and
 * tested on each source row in the scan, before the shuffle. A source row it drops has a key no
 * entity row has, which the merge would have read and never matched: results do not change, only
 * the rows shuffled (false positives, about {@value #FALSE_POSITIVES} of the others, pass).
 */
final class KeyBloomFilter {
  /** Share of source rows with a key no entity row has that the filter lets through. */
  static final double FALSE_POSITIVES = 0.03;
  /**
   * Largest entity table a filter is built for: at 3% false positives a filter takes about 7.3
   * bits per entity row, so 50M rows broadcast about 45 MB to every executor.
   */
  static final long MAX_ENTITY_ROWS = 50_000_000L;

  private KeyBloomFilter() {}

  /**
   * Whether a view's source rows are pruned: {@code ratio} is positive, the entity table has rows,
   * at most {@link #MAX_ENTITY_ROWS}, and the source (all its files, by their footers) has at least
   * {@code ratio} times as many.
   */
  static boolean applies(long entityRows, long sourceRows, long ratio) {
    return ratio > 0 && entityRows > 0 && entityRows <= MAX_ENTITY_ROWS && sourceRows / ratio >= entityRows;
  }

  /**
   * A condition true for the source rows whose keys (the source's columns {@code keys}) may be an
   * entity row's, built from {@code entityRows} (whose columns of the same names are the entity
   * keys) in one job; empty if {@link #applies} says no.
   */
  static Optional<Column> sourceFilter(SparkSession spark, Dataset<Row> entityRows, long entityCount,
      List<ColumnSpec> keys, long sourceRows, long ratio) {
    if (!applies(entityCount, sourceRows, ratio)) {
      return Optional.empty();
    }
    BloomFilter filter = entityRows.select(hash(keys).as("h")).stat().bloomFilter("h", entityCount, FALSE_POSITIVES);
    Broadcast<BloomFilter> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(filter);
    UserDefinedFunction mightContain = udf((UDF1<Long, Boolean>) h -> shared.value().mightContainLong(h),
        DataTypes.BooleanType);
    return Optional.of(mightContain.apply(hash(keys)));
  }

  /** The 64-bit hash of a row's keys, as the jobs carry them. */
  private static Column hash(List<ColumnSpec> keys) {
    return xxhash64(keys.stream().map(k -> Columns.internal(k.name(), k.type())).toArray(Column[]::new));
  }
}
