package dev.parity.offline.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.parity.definitions.DataType;
import dev.parity.definitions.SourceFormat;
import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.OfflineAggregation;
import dev.parity.offline.OfflineFeature;
import dev.parity.offline.OfflineSource;
import dev.parity.offline.OfflineView;
import dev.parity.offline.SkippedRows;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
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
 * The source of one view on Spark: its files checked as the embedded engine checks them (every
 * file has the keys, times, features and inputs the view reads, of the right types), the
 * {@link ViewSpec}, and the scan into merge-layout rows. Rows are kept as the embedded engine
 * keeps them: event time in {@code [min, max]} (a filter Spark pushes into the Parquet reader,
 * pruning row groups by their statistics), not created after {@code asOfCreated}, neither time
 * beyond the future limit, no null key part.
 */
final class SourceScan {
  private final OfflineView view;
  private final InputFiles files;
  private final ViewSpec spec;
  /** Scanned value columns after the keys and times, with their types. */
  private final Map<String, DataType> scanned = new LinkedHashMap<>();
  private final List<SourceTransform.Value> values = new ArrayList<>();
  private final List<ExpressionSpec> expressions = new ArrayList<>();
  private final List<int[]> expressionInputs = new ArrayList<>();

  SourceScan(OfflineView view) {
    this.view = view;
    OfflineSource source = view.source();
    if (source.format() != SourceFormat.PARQUET) {
      throw InputFiles.notParquet(source.location(), "source of view " + view.name());
    }
    this.files = new InputFiles(source.location());
    List<DataType> aggregationTypes = null;
    for (Path file : files.files()) {
      Map<String, DataType> columns = Columns.of(file);
      for (ColumnSpec key : view.joinKeys()) {
        Columns.require(file, columns, key.name(), key.type(), "join key of view " + view.name());
      }
      Columns.require(file, columns, source.timestampColumn(), DataType.TIMESTAMP, "timestamp of view " + view.name());
      source.createdColumn().ifPresent(c ->
          Columns.require(file, columns, c, DataType.TIMESTAMP, "created timestamp of view " + view.name()));
      for (OfflineFeature f : view.features()) {
        if (f.expression().isPresent()) {
          requireInputs(file, columns, f.expression().get(), "feature " + f.name());
        } else {
          Columns.require(file, columns, f.name(), f.type(), "feature " + view.name() + "." + f.name());
        }
      }
      List<DataType> types = new ArrayList<>();
      for (OfflineAggregation a : view.aggregations()) {
        DataType input = DataType.INT64;
        if (a.column().isPresent()) {
          input = Columns.type(file, columns, a.column().get());
        } else if (a.expression().isPresent()) {
          requireInputs(file, columns, a.expression().get(), "aggregation " + a.name());
          input = a.expression().get().type();
        }
        try {
          OfflineAggregation.resultType(a.function(), input);
        } catch (IllegalArgumentException e) {
          throw new InputSchemaException(file, a.column().orElse(a.name()),
              "aggregation " + view.name() + "." + a.name() + ": " + e.getMessage());
        }
        if (aggregationTypes != null && aggregationTypes.get(types.size()) != input) {
          throw new InputSchemaException(file, a.column().orElse(a.name()), "input of aggregation " + a.name()
              + " is " + input + " here but " + aggregationTypes.get(types.size()) + " in " + files.files().get(0));
        }
        types.add(input);
      }
      if (aggregationTypes == null) {
        aggregationTypes = types;
      }
    }
    List<DataType> valueTypes = new ArrayList<>();
    List<ViewSpec.Output> outputs = new ArrayList<>();
    for (OfflineFeature f : view.features()) {
      outputs.add(new ViewSpec.Output(f.name(), f.type(), null, valueTypes.size(), 0, declared(f.defaultValue())));
      valueTypes.add(f.type());
      addValue(f.expression().isPresent() ? null : f.name(), f.type(), f.expression().orElse(null));
    }
    for (int i = 0; i < view.aggregations().size(); i++) {
      OfflineAggregation a = view.aggregations().get(i);
      DataType input = aggregationTypes.get(i);
      int valueIndex = -1;
      if (a.column().isPresent() || a.expression().isPresent()) {
        valueIndex = valueTypes.size();
        valueTypes.add(input);
        addValue(a.column().orElse(null), input, a.expression().orElse(null));
      }
      outputs.add(new ViewSpec.Output(a.name(), OfflineAggregation.resultType(a.function(), input), a.function(),
          valueIndex, micros(a.window()), declared(a.defaultValue())));
    }
    this.spec = new ViewSpec(view.joinKeys().size(), view.joinKeys().stream().map(ColumnSpec::type).toList(),
        micros(view.ttl()), valueTypes, outputs);
  }

  private static void requireInputs(Path file, Map<String, DataType> columns, CompiledExpression e, String what) {
    for (int i = 0; i < e.inputs().size(); i++) {
      Columns.require(file, columns, e.inputs().get(i), e.inputTypes().get(i), "input of " + what + " (" + e.source() + ")");
    }
  }

  private void addValue(String column, DataType type, CompiledExpression expression) {
    if (expression == null) {
      values.add(new SourceTransform.Value(scannedIndex(column, type), -1));
      return;
    }
    int[] inputs = new int[expression.inputs().size()];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = scannedIndex(expression.inputs().get(i), expression.inputTypes().get(i));
    }
    values.add(new SourceTransform.Value(-1, expressions.size()));
    expressions.add(ExpressionSpec.of(expression));
    expressionInputs.add(inputs);
  }

  private int scannedIndex(String column, DataType type) {
    scanned.putIfAbsent(column, type);
    return new ArrayList<>(scanned.keySet()).indexOf(column);
  }

  ViewSpec spec() {
    return spec;
  }

  /** The columns the scan reads, with their types: keys, times, then the scanned values. */
  private Map<String, DataType> readColumns() {
    OfflineSource source = view.source();
    Map<String, DataType> columns = new LinkedHashMap<>();
    view.joinKeys().forEach(k -> columns.putIfAbsent(k.name(), k.type()));
    columns.putIfAbsent(source.timestampColumn(), DataType.TIMESTAMP);
    source.createdColumn().ifPresent(c -> columns.putIfAbsent(c, DataType.TIMESTAMP));
    scanned.forEach(columns::putIfAbsent);
    return columns;
  }

  /** The source rows the view keeps, before the future-limit and null-key filters. */
  private Dataset<Row> inRange(Dataset<Row> data, long min, long max, Long asOf) {
    OfflineSource source = view.source();
    Column ts = col(Columns.quote(source.timestampColumn()));
    Dataset<Row> kept = data.filter(ts.isNotNull());
    if (min != Long.MIN_VALUE) {
      kept = kept.filter(ts.geq(lit(instant(min))));
    }
    kept = kept.filter(ts.leq(lit(instant(max))));
    if (asOf != null && source.createdColumn().isPresent()) {
      Column cr = col(Columns.quote(source.createdColumn().get()));
      kept = kept.filter(cr.isNull().or(cr.leq(lit(instant(asOf)))));
    }
    return kept;
  }

  private Column future(long latest) {
    OfflineSource source = view.source();
    if (latest == Long.MAX_VALUE) {
      return lit(false);
    }
    Column beyond = col(Columns.quote(source.timestampColumn())).gt(lit(instant(latest)));
    if (source.createdColumn().isPresent()) {
      Column cr = col(Columns.quote(source.createdColumn().get()));
      beyond = beyond.or(cr.isNotNull().and(cr.gt(lit(instant(latest)))));
    }
    return beyond;
  }

  private Column nullKey() {
    Column any = lit(false);
    for (ColumnSpec key : view.joinKeys()) {
      any = any.or(col(Columns.quote(key.name())).isNull());
    }
    return any;
  }

  /** Counts the rows in range left out for a future time or a null key (one aggregation job). */
  SkippedRows skipped(SparkSession spark, long min, long max, Long asOf, long latest) {
    Column future = future(latest);
    Row counts = inRange(files.read(spark, readColumns()), min, max, asOf)
        .agg(sum(when(future, 1L).otherwise(0L)), sum(when(not(future).and(nullKey()), 1L).otherwise(0L)))
        .first();
    return new SkippedRows(counts.isNullAt(0) ? 0 : counts.getLong(0), counts.isNullAt(1) ? 0 : counts.getLong(1));
  }

  /** The kept rows in the merge layout, transforms evaluated. */
  Dataset<Row> layout(SparkSession spark, long min, long max, Long asOf, long latest, int batchRows) {
    return layout(spark, min, max, asOf, latest, batchRows, Optional.empty());
  }

  /** The source's rows, by its files' footers. */
  long rows(SparkSession spark) {
    return files.rowOffsets(spark)[files.files().size()];
  }

  /**
   * As {@link #layout(SparkSession, long, long, Long, long, int)}, keeping only the rows {@code
   * keyFilter} (a condition on the source's key columns, {@link KeyBloomFilter}) holds for: a row
   * it drops must be one no entity row can match.
   */
  Dataset<Row> layout(SparkSession spark, long min, long max, Long asOf, long latest, int batchRows,
      Optional<Column> keyFilter) {
    OfflineSource source = view.source();
    Dataset<Row> data = files.read(spark, readColumns());
    Dataset<Row> kept = inRange(data, min, max, asOf).filter(not(future(latest)).and(not(nullKey())));
    if (keyFilter.isPresent()) {
      kept = kept.filter(keyFilter.get());
    }
    List<Column> columns = new ArrayList<>();
    for (int k = 0; k < view.joinKeys().size(); k++) {
      ColumnSpec key = view.joinKeys().get(k);
      columns.add(Columns.internal(key.name(), key.type()).as("k" + k));
    }
    columns.add(Columns.internal(source.timestampColumn(), DataType.TIMESTAMP).as("ts"));
    columns.add(source.createdColumn().isPresent()
        ? Columns.internal(source.createdColumn().get(), DataType.TIMESTAMP).as("cr")
        : lit(null).cast("bigint").as("cr"));
    int c = 0;
    for (Map.Entry<String, DataType> column : scanned.entrySet()) {
      columns.add(Columns.internal(column.getKey(), column.getValue()).as("c" + c++));
    }
    Dataset<Row> placed = files.withPlace(spark, kept, columns);
    List<Column> ordered = new ArrayList<>();
    for (int k = 0; k < view.joinKeys().size(); k++) {
      ordered.add(col("k" + k));
    }
    ordered.add(col("ts"));
    ordered.add(col("cr"));
    ordered.add(col(InputFiles.FILE).multiply(1L << 40).plus(col(InputFiles.ROW_IN_FILE)).as("seq"));
    for (int i = 0; i < scanned.size(); i++) {
      ordered.add(col("c" + i));
    }
    return placed.select(ordered.toArray(Column[]::new))
        .mapPartitions(new SourceTransform(spec, values, expressions, expressionInputs, batchRows),
            Encoders.row(layoutSchema(spec)));
  }

  /** The merge layout's Spark schema. */
  static StructType layoutSchema(ViewSpec spec) {
    StructType schema = new StructType().add("side", DataTypes.IntegerType, false);
    for (int k = 0; k < spec.keyCount(); k++) {
      schema = schema.add("k" + k, SparkTypes.internal(spec.keyTypes().get(k)), true);
    }
    schema = schema.add("bucket", DataTypes.IntegerType, false)
        .add("time", DataTypes.LongType, false)
        .add("cr", DataTypes.LongType, true)
        .add("seq", DataTypes.LongType, false);
    for (int v = 0; v < spec.valueTypes().size(); v++) {
      schema = schema.add("v" + v, SparkTypes.internal(spec.valueTypes().get(v)), true);
    }
    return schema;
  }

  static long micros(Duration d) {
    return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L)).plusNanos(Math.floorMod(micros, 1_000_000L) * 1000);
  }

  /** A declared default as the merge carries it (Long, Double, String or Boolean: all serializable). */
  private static Serializable declared(Optional<Object> value) {
    return (Serializable) value.orElse(null);
  }
}
