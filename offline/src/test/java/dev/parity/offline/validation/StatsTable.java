package dev.parity.offline.validation;

import dev.parity.definitions.DataType;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.CsvFiles;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test data: rows of a small driver statistics table, written as Parquet or CSV, and the feature
 * repository around it ({@code stats.yaml} with one view, {@code stats_view}, whose validation
 * block the test supplies).
 */
final class StatsTable {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final List<Column> COLUMNS = List.of(
      Column.required("driver_id", DataType.INT64),
      Column.optional("event_timestamp", DataType.TIMESTAMP),
      Column.optional("conv_rate", DataType.FLOAT64),
      Column.optional("trips", DataType.INT64),
      Column.optional("vehicle_type", DataType.STRING));

  /** One row; null values are nulls in the file. */
  record Row(long driverId, Instant eventTimestamp, Double convRate, Long trips, String vehicleType) {}

  private final List<Row> rows = new ArrayList<>();

  /** {@code count} valid rows, one hour apart from {@link #T0}: conv_rate in [0.1, 0.9], trips 10..19, sedan/suv. */
  static StatsTable regular(int count) {
    StatsTable table = new StatsTable();
    for (int i = 0; i < count; i++) {
      table.add(new Row(1000 + i % 7, T0.plusSeconds(3600L * i), 0.1 + 0.8 * i / Math.max(1, count - 1), 10L + i % 10, i % 2 == 0 ? "sedan" : "suv"));
    }
    return table;
  }

  StatsTable add(Row row) {
    rows.add(row);
    return this;
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Replaces row {@code index}. */
  StatsTable set(int index, Row row) {
    rows.set(index, row);
    return this;
  }

  Path writeParquet(Path file) {
    return write(ParquetFiles.create(file, COLUMNS, ParquetWriteOptions.defaults().withRowGroupRowLimit(4)), file);
  }

  Path writeCsv(Path file) {
    return write(CsvFiles.create(file, COLUMNS), file);
  }

  private Path write(RowWriter out, Path file) {
    try (out) {
      for (Row row : rows) {
        out.setLong(0, row.driverId()).setTimestamp(1, row.eventTimestamp());
        if (row.convRate() == null) {
          out.setNull(2);
        } else {
          out.setDouble(2, row.convRate());
        }
        if (row.trips() == null) {
          out.setNull(3);
        } else {
          out.setLong(3, row.trips());
        }
        out.setString(4, row.vehicleType()).endRow();
      }
      out.commit();
    }
    return file;
  }

  /**
   * Writes {@code dir/stats.yaml}: entity {@code driver}, source {@code stats} ({@code format}
   * at {@code path}), view {@code stats_view} reading conv_rate, trips and vehicle_type, with
   * {@code validation} (YAML lines at the view's indentation, or empty) below it.
   */
  static Path repository(Path dir, String format, String path, String validation) {
    String schema = format.equals("csv")
        ? "    schema: { driver_id: int64, event_timestamp: timestamp, conv_rate: float64, trips: int64, vehicle_type: string }\n"
        : "";
    String yaml = "entities:\n  - name: driver\n    join_keys: [driver_id]\n"
        + "sources:\n  - name: stats\n    format: " + format + "\n    path: " + path + "\n    timestamp: event_timestamp\n" + schema
        + "feature_views:\n  - name: stats_view\n    entities: [driver]\n    source: stats\n    features:\n"
        + "      - { name: conv_rate, type: float64 }\n      - { name: trips, type: int64 }\n      - { name: vehicle_type, type: string }\n"
        + validation;
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("stats.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
