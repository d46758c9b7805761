package dev.parity.offline.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import dev.parity.definitions.DataType;
import dev.parity.definitions.SourceFormat;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.EntityTable;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.OfflineView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The entity table on Spark: its files checked to share one schema holding every view's join keys
 * and {@code event_timestamp}, read with a row number ({@value InputFiles#ROW}: files in order, rows
 * in file order) that fixes the output order. A null event time or join key is the embedded
 * engine's error, naming the file, the row (from 1, within the file) and the column.
 */
final class EntityScan {
  /** What one pass over the entity table learned. */
  record Stats(long rows, long minTime, long maxTime) {}

  private final InputFiles files;
  private final Map<String, DataType> columns;
  private final List<String> keys = new ArrayList<>();

  EntityScan(EntityTable table, List<OfflineView> views) {
    if (table.format() != SourceFormat.PARQUET) {
      throw InputFiles.notParquet(table.location(), "entity table");
    }
    this.files = new InputFiles(table.location());
    Map<String, DataType> first = null;
    for (Path file : files.files()) {
      Map<String, DataType> these = Columns.of(file);
      Columns.require(file, these, EntityTable.EVENT_TIMESTAMP, DataType.TIMESTAMP, "event time of the entity table");
      for (OfflineView view : views) {
        for (ColumnSpec key : view.joinKeys()) {
          Columns.require(file, these, key.name(), key.type(), "join key of view " + view.name());
          if (!keys.contains(key.name())) {
            keys.add(key.name());
          }
        }
      }
      if (first == null) {
        first = these;
      } else if (!first.equals(these)) {
        throw new InputSchemaException(file, EntityTable.EVENT_TIMESTAMP, "the entity table's files differ in their "
            + "columns: " + these + " here, " + first + " in " + files.files().get(0));
      }
    }
    this.columns = new LinkedHashMap<>(first);
  }

  /** The first of the table's files, named in errors about its columns. */
  Path firstFile() {
    return files.files().get(0);
  }

  /** The entity table's columns as written to the output (widened types), in file order. */
  Map<String, DataType> columns() {
    return columns;
  }

  /**
   * Every entity row: its columns (integers and floats widened, timestamps as timestamps) and
   * {@value InputFiles#ROW}. Fails if the files hold columns Parity cannot read.
   */
  Dataset<Row> rows(SparkSession spark) {
    for (String name : files.columnNames(spark)) {
      if (!columns.containsKey(name)) {
        throw new InputSchemaException(files.files().get(0), name, "a column of a type Parity cannot read");
      }
    }
    Dataset<Row> data = files.read(spark, columns);
    List<Column> selected = new ArrayList<>();
    for (Map.Entry<String, DataType> c : columns.entrySet()) {
      Column column = col(Columns.quote(c.getKey()));
      selected.add((switch (c.getValue()) {
        case INT64 -> column.cast("bigint");
        case FLOAT64 -> column.cast("double");
        default -> column;
      }).as(c.getKey()));
    }
    return files.withPlace(spark, data, selected);
  }

  /**
   * Row count and T's range, in one job; throws on the first row (in input order) with a null
   * event time or join key.
   */
  Stats stats(Dataset<Row> rows) {
    Column t = Columns.internal(EntityTable.EVENT_TIMESTAMP, DataType.TIMESTAMP);
    Column bad = t.isNull();
    for (String key : keys) {
      bad = bad.or(col(Columns.quote(key)).isNull());
    }
    Row stats = rows.agg(org.apache.spark.sql.functions.count(lit(1)), min(t), max(t),
        min(when(bad, col(InputFiles.ROW)))).first();
    if (!stats.isNullAt(3)) {
      throw nullValue(rows, stats.getLong(3));
    }
    long count = stats.getLong(0);
    long expected = files.rowOffsets(rows.sparkSession())[files.files().size()];
    if (count != expected) {
      // The file-path join lost rows: Spark spelled a path otherwise than InputFiles.sparkPath.
      throw new IllegalStateException("Spark placed " + count + " entity rows of " + expected);
    }
    return count == 0 ? new Stats(0, Long.MAX_VALUE, Long.MIN_VALUE) : new Stats(count, stats.getLong(1), stats.getLong(2));
  }

  private InputSchemaException nullValue(Dataset<Row> rows, long row) {
    Row bad = rows.filter(col(InputFiles.ROW).equalTo(row)).first();
    Path file = files.files().get((int) bad.getLong(bad.fieldIndex(InputFiles.FILE)));
    long inFile = bad.getLong(bad.fieldIndex(InputFiles.ROW_IN_FILE)) + 1;
    if (bad.isNullAt(bad.fieldIndex(EntityTable.EVENT_TIMESTAMP))) {
      return new InputSchemaException(file, EntityTable.EVENT_TIMESTAMP, "null event time in row " + inFile);
    }
    for (String key : keys) {
      if (bad.isNullAt(bad.fieldIndex(key))) {
        return new InputSchemaException(file, key, "null join key in row " + inFile
            + ": every entity row needs a value in each join key (an online lookup refuses a null key too)");
      }
    }
    throw new IllegalStateException("entity row " + row + " has no null value");
  }

  /** The entity rows in the merge layout of {@code spec}, for a view joined on {@code keys}. */
  static Dataset<Row> layout(Dataset<Row> rows, ViewSpec spec, List<ColumnSpec> keys) {
    List<Column> columns = new ArrayList<>();
    columns.add(lit(ViewSpec.ENTITY).as("side"));
    for (int k = 0; k < keys.size(); k++) {
      columns.add(Columns.internal(keys.get(k).name(), keys.get(k).type()).as("k" + k));
    }
    columns.add(lit(0).as("bucket"));
    columns.add(Columns.internal(EntityTable.EVENT_TIMESTAMP, DataType.TIMESTAMP).as("time"));
    columns.add(lit(null).cast("bigint").as("cr"));
    columns.add(col(InputFiles.ROW).as("seq"));
    for (int v = 0; v < spec.valueTypes().size(); v++) {
      columns.add(lit(null).cast(SparkTypes.internal(spec.valueTypes().get(v))).as("v" + v));
    }
    return rows.select(columns.toArray(Column[]::new));
  }
}
