package dev.parity.offline.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import dev.parity.offline.CorruptInputException;
import dev.parity.offline.schema.SourceFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
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

  InputFiles(String location) {
    this.files = SourceFiles.resolve(location);
  }

  List<Path> files() {
    return files;
  }

  /** Reads every file with Spark (its schema: the first file's, the files being checked alike). */
  Dataset<Row> read(SparkSession spark) {
    return spark.read().parquet(files.stream().map(f -> f.toUri().toString()).toArray(String[]::new));
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

  /** Each file's first row number in the input: the row counts of the earlier files' footers. */
  long[] rowOffsets(SparkSession spark) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    long[] offsets = new long[files.size() + 1];
    for (int f = 0; f < files.size(); f++) {
      offsets[f + 1] = offsets[f] + rowCount(files.get(f), conf);
    }
    return offsets;
  }

  private static long rowCount(Path file, Configuration conf) {
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
      return reader.getRecordCount();
    } catch (IOException | RuntimeException e) {
      throw new CorruptInputException(file, "cannot read the Parquet footer: " + e.getMessage(), e);
    }
  }
}
