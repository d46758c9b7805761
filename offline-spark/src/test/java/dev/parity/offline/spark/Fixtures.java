package dev.parity.offline.spark;

import dev.parity.definitions.DataType;
import dev.parity.offline.engine.ParquetTables;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import dev.parity.offline.schema.SourceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.SparkSession;

/** Test tables written with Parity's own Parquet writer, read back cell by cell, and the shared session. */
final class Fixtures {
  static final long MINUTE = 60_000_000L;
  static final long T0 = 1_704_067_200_000_000L; // 2024-01-01T00:00Z in micros

  private Fixtures() {}

  /** A local[2] session for one test class: small shuffles, no UI, loopback only. */
  static SparkSession session() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("parity-offline-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  static Column col(String name, DataType type) {
    return Column.optional(name, type);
  }

  /** Writes {@code rows} (Long, Double, String, Boolean, or Long micros for timestamps; null). */
  static void parquet(Path file, List<Column> columns, List<Object[]> rows, int rowGroupRows) {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (RowWriter out = ParquetFiles.create(file, columns,
        ParquetWriteOptions.defaults().withRowGroupRowLimit(rowGroupRows))) {
      for (Object[] row : rows) {
        for (int c = 0; c < columns.size(); c++) {
          Object v = row[c];
          if (v == null) {
            out.setNull(c);
          } else if (columns.get(c).type() == DataType.TIMESTAMP) {
            out.setTimestampMicros(c, (Long) v);
          } else if (v instanceof Long l) {
            out.setLong(c, l);
          } else if (v instanceof Double d) {
            out.setDouble(c, d);
          } else if (v instanceof Boolean b) {
            out.setBoolean(c, b);
          } else {
            out.setString(c, (String) v);
          }
        }
        out.endRow();
      }
      out.commit();
    }
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plusNanos(micros * 1000);
  }

  /**
   * Every row of a Parquet file, or of a directory's data files in name order, as lists of Java
   * values, with the columns and their Parity types as the first row (so schemas are compared too).
   */
  static List<List<Object>> read(Path fileOrDirectory) {
    List<Path> files = SourceFiles.resolve(fileOrDirectory.toString());
    List<List<Object>> rows = new ArrayList<>();
    List<String> columns = new ArrayList<>(ParquetTables.columns(files.get(0)).keySet());
    List<Object> header = new ArrayList<>();
    ParquetTables.columns(files.get(0)).forEach((name, type) -> header.add(name + ":" + type));
    rows.add(header);
    try (BufferAllocator allocator = new RootAllocator()) {
      for (Path file : files) {
        ParquetTables.scan(file, columns, allocator, 1000, batch -> add(batch, rows));
      }
    }
    return rows;
  }

  private static void add(VectorSchemaRoot batch, List<List<Object>> rows) {
    for (int i = 0; i < batch.getRowCount(); i++) {
      List<Object> row = new ArrayList<>();
      for (FieldVector v : batch.getFieldVectors()) {
        Object value = v.getObject(i);
        row.add(value == null ? null : value.toString());
      }
      rows.add(row);
    }
  }
}
