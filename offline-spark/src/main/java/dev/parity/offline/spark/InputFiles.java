package dev.parity.offline.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import dev.parity.definitions.DataType;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.OfflineException;
import dev.parity.offline.schema.SourceFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet files of one input in source order (lexicographic path order, as {@link
 * SourceFiles} lists them for the embedded engine), read by Spark with each row's place: the
 * file's index in that order and the row's index within its file, from Spark's file metadata
 * ({@code _metadata.file_path}, {@code _metadata.row_index}), never from values.
 */
final class InputFiles {
  /** Columns added by {@link #withPlace}: file index, row index in file, row number in the input. */
  static final String FILE = "__file";
  static final String ROW_IN_FILE = "__row_in_file";
  static final String ROW = "__row";

  private final List<Path> files;
  private List<Footer> footers;

  InputFiles(String location) {
    this.files = SourceFiles.resolve(location);
  }

  /**
   * The refusal of a CSV input, naming its first file ({@code role}: what it is) and the reason:
   * Spark's CSV reader would parse values otherwise than Parity's one strict reader does
   * (nulls, quoting, timestamps), so results could differ from the embedded engine's.
   */
  static OfflineException notParquet(String location, String role) {
    Path first = SourceFiles.resolve(location).get(0);
    return new OfflineException(first, "the " + role + " is CSV, and the Spark engine reads Parquet only (Spark's "
        + "CSV parsing differs from Parity's, so cells could differ from the embedded engine's): convert it to "
        + "Parquet, or build this training set with the embedded engine", null);
  }

  List<Path> files() {
    return files;
  }

  /**
   * Reads {@code columns} of every file with Spark, as the jobs' types ({@link
   * SparkTypes#read}): the schema is given, not taken from one file, so that Spark widens each
   * file's int8 to int32 and float32 columns and reads millisecond timestamps as the embedded
   * engine does, whatever the first file holds.
   *
   * @throws OfflineException naming the file and column if one of {@code columns} is a
   *     nanosecond timestamp, which Spark does not read
   */
  Dataset<Row> read(SparkSession spark, Map<String, DataType> columns) {
    refuseNanosecondTimes(spark, columns.keySet());
    StructType schema = new StructType();
    for (Map.Entry<String, DataType> c : columns.entrySet()) {
      schema = schema.add(c.getKey(), SparkTypes.read(c.getValue()), true);
    }
    return spark.read().schema(schema).parquet(files.stream().map(f -> f.toUri().toString()).toArray(String[]::new));
  }

  /** The names of the first file's columns (Parity's readable ones and the others), from its footer. */
  List<String> columnNames(SparkSession spark) {
    return footers(spark).get(0).schema().getFields().stream().map(Type::getName).toList();
  }

  private void refuseNanosecondTimes(SparkSession spark, Collection<String> columns) {
    List<Footer> footers = footers(spark);
    for (int f = 0; f < files.size(); f++) {
      MessageType schema = footers.get(f).schema();
      for (String column : columns) {
        if (schema.containsField(column) && schema.getType(column).getLogicalTypeAnnotation()
            instanceof TimestampLogicalTypeAnnotation t && t.getUnit() == TimeUnit.NANOS) {
          throw new OfflineException(files.get(f), "column " + column + " is a TIMESTAMP(NANOS), which Spark does "
              + "not read: write it in microseconds (pyarrow: coerce_timestamps='us'), or build this training set "
              + "with the embedded engine", null);
        }
      }
    }
  }

  /**
   * {@code data} (read by {@link #read}) with {@code columns} and three more: {@value #FILE},
   * {@value #ROW_IN_FILE} and {@value #ROW}, the row's number in the whole input (rows of earlier
   * files first), from the files' footers. The file index comes from a broadcast join on the path
   * Spark reports ({@code _metadata.file_path}), so the files' order is decided here once, not by
   * Spark's listing.
   */
  Dataset<Row> withPlace(SparkSession spark, Dataset<Row> data, List<org.apache.spark.sql.Column> columns) {
    long[] offsets = rowOffsets(spark);
    List<Row> table = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      table.add(RowFactory.create(sparkPath(files.get(f)), (long) f, offsets[f]));
    }
    StructType schema = new StructType()
        .add("__path", DataTypes.StringType, false)
        .add(FILE, DataTypes.LongType, false)
        .add("__offset", DataTypes.LongType, false);
    Dataset<Row> places = broadcast(spark.createDataFrame(table, schema));
    List<org.apache.spark.sql.Column> selected = new ArrayList<>(columns);
    selected.add(col("_metadata.file_path").as("__path"));
    selected.add(col("_metadata.row_index").as(ROW_IN_FILE));
    Dataset<Row> scanned = data.select(selected.toArray(org.apache.spark.sql.Column[]::new));
    return scanned.join(places, "__path")
        .withColumn(ROW, col("__offset").plus(col(ROW_IN_FILE)))
        .drop("__path", "__offset");
  }

  /**
   * A file's path as Spark's file metadata spells it: a {@code file:} URI without authority
   * ({@code file:/a/b}, not {@code file:///a/b}), illegal characters quoted.
   */
  static String sparkPath(Path file) {
    try {
      return new URI("file", null, file.toAbsolutePath().normalize().toString(), null).toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a file path: " + file, e);
    }
  }

  /**
   * Each file's first row number in the input: the row counts of the earlier files' footers, and
   * the input's row count last.
   */
  long[] rowOffsets(SparkSession spark) {
    List<Footer> footers = footers(spark);
    long[] offsets = new long[files.size() + 1];
    for (int f = 0; f < files.size(); f++) {
      offsets[f + 1] = offsets[f] + footers.get(f).rows();
    }
    return offsets;
  }

  /** What the footer of a file says: its rows and schema. */
  private record Footer(long rows, MessageType schema) {}

  /** The files' footers, read once. */
  private List<Footer> footers(SparkSession spark) {
    if (footers == null) {
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      List<Footer> read = new ArrayList<>();
      for (Path file : files) {
        read.add(footer(file, conf));
      }
      footers = List.copyOf(read);
    }
    return footers;
  }

  private static Footer footer(Path file, Configuration conf) {
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
      return new Footer(reader.getRecordCount(), reader.getFooter().getFileMetaData().getSchema());
    } catch (IOException | RuntimeException e) {
      throw new CorruptInputException(file, "cannot read the Parquet footer: " + e.getMessage(), e);
    }
  }
}
