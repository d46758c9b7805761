package dev.parity.offline.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.OfflineException;
import dev.parity.offline.SkippedRows;
import dev.parity.offline.features.FeatureStatistics;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A training set written by Spark's executors: a directory of Parquet part files, Spark's {@code
 * _SUCCESS} marker and {@code _parity.json} (engine, row count, columns with Parity types, skipped
 * rows per view, and the statistics of the feature columns, {@link FeatureStatistics} as JSON,
 * which the executors collected while they wrote). The rows are range-partitioned and sorted by entity row number before the write,
 * so part files in name order (as Parity, pyarrow and DuckDB list a directory) hold the rows in
 * entity table order; no extra column is needed, and the schema is the embedded engine's. Written
 * into a hidden sibling directory first and renamed into place on success.
 */
final class OutputDirectory {
  static final String METADATA = "_parity.json";

  private final Path target;

  OutputDirectory(Path target) {
    this.target = target.toAbsolutePath().normalize();
  }

  /**
   * Writes {@code rows}, then the metadata with {@code statistics}, asked for once the rows are
   * written (the write's tasks collect them).
   */
  void write(SparkSession spark, Dataset<Row> rows, List<ColumnSpec> schema, long rowCount,
      Map<String, SkippedRows> skipped, Supplier<List<FeatureStatistics>> statistics) {
    // Spark writes INT96 timestamps by default; Parity (and every current reader) expects int64
    // microseconds adjusted to UTC, as the embedded engine writes them.
    spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    Path parent = target.getParent();
    Path staging = parent.resolve("." + target.getFileName() + ".spark-" + UUID.randomUUID());
    try {
      Files.createDirectories(parent);
      rows.write().mode("errorifexists").parquet(staging.toUri().toString());
      Files.writeString(staging.resolve(METADATA), metadata(schema, rowCount, skipped, statistics.get()));
      Path old = null;
      if (Files.exists(target)) {
        old = parent.resolve("." + target.getFileName() + ".old-" + UUID.randomUUID());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      if (old != null) {
        deleteTree(old);
      }
    } catch (IOException e) {
      deleteQuietly(staging);
      throw new OfflineException(target, "cannot write the training set: " + e, e);
    } catch (RuntimeException e) {
      deleteQuietly(staging);
      throw e;
    }
  }

  private static String metadata(List<ColumnSpec> schema, long rows, Map<String, SkippedRows> skipped,
      List<FeatureStatistics> statistics) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("engine", "spark");
    json.put("rows", rows);
    json.put("order", "entity table order: part files in name order, rows in file order");
    List<Map<String, String>> columns = new ArrayList<>();
    for (ColumnSpec c : schema) {
      columns.add(Map.of("name", c.name(), "type", c.type().yamlName()));
    }
    json.put("columns", columns);
    Map<String, Object> skips = new LinkedHashMap<>();
    skipped.forEach((view, s) -> skips.put(view,
        Map.of("beyond_future_limit", s.beyondFutureLimit(), "null_keys", s.nullKeys())));
    json.put("skipped", skips);
    json.put("statistics", statistics);
    return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
  }

  private static void deleteQuietly(Path dir) {
    try {
      if (Files.exists(dir)) {
        deleteTree(dir);
      }
    } catch (IOException ignored) {
      // The failure being reported matters more than a leftover hidden directory.
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
