package dev.parity.offline.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;

import dev.parity.definitions.DataType;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.EntityTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Finds the keys with more entity rows than {@link SparkEngineOptions#hotKeyRows()} (one
 * aggregation of the entity keys) and, for those only, the entity-time quantiles that split each
 * into {@link SparkEngineOptions#hotKeyBuckets()} ranges of about equal size ({@link HotKeySpread}).
 * The quantiles are approximate: they only balance work, correctness never depends on them.
 */
final class HotKeys {
  private HotKeys() {}

  static Map<HotKeySpread.Key, long[]> find(SparkSession spark, Dataset<Row> entityRows, List<ColumnSpec> keys,
      SparkEngineOptions options) {
    if (options.hotKeyBuckets() <= 1) {
      return Map.of();
    }
    List<Column> keyColumns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      keyColumns.add(Columns.internal(keys.get(k).name(), keys.get(k).type()).as("k" + k));
      names.add("k" + k);
    }
    List<Column> selected = new ArrayList<>(keyColumns);
    selected.add(Columns.internal(EntityTable.EVENT_TIMESTAMP, DataType.TIMESTAMP).as("t"));
    Dataset<Row> rows = entityRows.select(selected.toArray(Column[]::new));
    Column[] groups = names.stream().map(n -> col(n)).toArray(Column[]::new);
    List<Row> hot = rows.groupBy(groups).agg(count(lit(1)).as("n"))
        .filter(col("n").gt(options.hotKeyRows())).drop("n").collectAsList();
    if (hot.isEmpty()) {
      return Map.of();
    }
    Column[] fractions = new Column[options.hotKeyBuckets() - 1];
    for (int j = 1; j < options.hotKeyBuckets(); j++) {
      fractions[j - 1] = lit((double) j / options.hotKeyBuckets());
    }
    Dataset<Row> hotKeys = spark.createDataFrame(hot, rows.drop("t").schema());
    List<Row> quantiles = rows.join(broadcast(hotKeys), scala.jdk.javaapi.CollectionConverters.asScala(names).toSeq())
        .groupBy(groups).agg(percentile_approx(col("t"), array(fractions), lit(10_000)).as("q"))
        .collectAsList();
    Map<HotKeySpread.Key, long[]> boundaries = new HashMap<>();
    for (Row q : quantiles) {
      Object[] parts = new Object[keys.size()];
      for (int k = 0; k < parts.length; k++) {
        parts[k] = q.get(k);
      }
      TreeSet<Long> distinct = new TreeSet<>(q.<Long>getList(keys.size()));
      boundaries.put(new HotKeySpread.Key(parts), distinct.stream().mapToLong(Long::longValue).toArray());
    }
    return boundaries;
  }
}
