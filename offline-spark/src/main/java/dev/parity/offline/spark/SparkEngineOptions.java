package dev.parity.offline.spark;

/**
 * Tuning of the Spark engine.
 *
 * @param partitions shuffle partitions of the as-of merge and of the output; 0 takes the
 *     session's {@code spark.sql.shuffle.partitions}
 * @param batchRows rows per Arrow batch when row transforms are evaluated in the executors
 * @param hotKeyRows an entity key with more entity rows than this (in one view) is spread over
 *     {@code hotKeyBuckets} time ranges, each merged on its own, so that one key does not make
 *     one task do the work of the whole join
 * @param hotKeyBuckets time ranges a hot key is spread over (1 turns spreading off)
 * @param bloomFilterRatio a view's source rows are pruned by a Bloom filter of the entity keys
 *     before the shuffle when the source has at least this many times as many rows as the entity
 *     table (by the files' footers; for entity tables of at most 50M rows);
 *     0 turns pruning off. Results are the same either way.
 */
public record SparkEngineOptions(int partitions, int batchRows, long hotKeyRows, int hotKeyBuckets,
    long bloomFilterRatio) {
  public SparkEngineOptions {
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must not be negative: " + partitions);
    }
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be positive: " + batchRows);
    }
    if (hotKeyRows < 1) {
      throw new IllegalArgumentException("hotKeyRows must be positive: " + hotKeyRows);
    }
    if (hotKeyBuckets < 1 || hotKeyBuckets > 4096) {
      throw new IllegalArgumentException("hotKeyBuckets must be in [1, 4096]: " + hotKeyBuckets);
    }
    if (bloomFilterRatio < 0) {
      throw new IllegalArgumentException("bloomFilterRatio must not be negative: " + bloomFilterRatio);
    }
  }

  /** Without {@code bloomFilterRatio}: the default, 10. */
  public SparkEngineOptions(int partitions, int batchRows, long hotKeyRows, int hotKeyBuckets) {
    this(partitions, batchRows, hotKeyRows, hotKeyBuckets, 10);
  }

  /**
   * The session's shuffle partitions, 8k-row batches, keys of more than 1M entity rows spread over
   * 16 ranges, sources of 10 times the entity table's rows pruned by a Bloom filter.
   */
  public static SparkEngineOptions defaults() {
    return new SparkEngineOptions(0, 8192, 1_000_000, 16, 10);
  }

  public SparkEngineOptions withPartitions(int value) {
    return new SparkEngineOptions(value, batchRows, hotKeyRows, hotKeyBuckets, bloomFilterRatio);
  }

  public SparkEngineOptions withBatchRows(int value) {
    return new SparkEngineOptions(partitions, value, hotKeyRows, hotKeyBuckets, bloomFilterRatio);
  }

  public SparkEngineOptions withHotKeys(long rows, int buckets) {
    return new SparkEngineOptions(partitions, batchRows, rows, buckets, bloomFilterRatio);
  }

  /** With {@code bloomFilterRatio} {@code ratio} (0: no Bloom-filter pruning). */
  public SparkEngineOptions withBloomFilterRatio(long ratio) {
    return new SparkEngineOptions(partitions, batchRows, hotKeyRows, hotKeyBuckets, ratio);
  }
}
