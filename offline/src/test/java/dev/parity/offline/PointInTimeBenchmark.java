package dev.parity.offline;

import dev.parity.definitions.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;

/**
 * Point-in-time join speed, Parity's embedded engine against DuckDB's ASOF join on the same files.
 * Not a test: run {@code java ... PointInTimeBenchmark DIR gen|parity|duckdb ENTITY_ROWS SOURCE_ROWS}
 * in separate JVMs (so {@code /usr/bin/time -v} reports each one's peak RSS).
 */
public final class PointInTimeBenchmark {
  private PointInTimeBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Paths.get(args[0]).toAbsolutePath();
    String mode = args[1];
    long entities = Long.parseLong(args[2]);
    long sources = Long.parseLong(args[3]);
    long drivers = Math.max(1, sources / 10);
    long start = System.nanoTime();
    switch (mode) {
      case "gen":
        Files.createDirectories(dir.resolve("src"));
        try (Tables.Duck duck = new Tables.Duck()) {
          for (int f = 0; f < 4; f++) {
            duck.execute("COPY (SELECT (hash(i) % " + drivers + ")::BIGINT AS driver_id, "
                + "make_timestamptz(1704067200000000 + (hash(i * 7 + 1) % 2592000000000)::BIGINT) AS ts, "
                + "random() AS conv_rate, (hash(i * 3 + 2) % 1000)::BIGINT AS trips "
                + "FROM range(" + f * sources / 4 + ", " + (f + 1) * sources / 4 + ") t(i)) TO "
                + Tables.literal(dir.resolve("src/part-" + f + ".parquet")) + " (FORMAT parquet)");
          }
          duck.execute("COPY (SELECT (hash(i + 99) % " + (drivers + drivers / 10) + ")::BIGINT AS driver_id, "
              + "make_timestamptz(1704067200000000 + (hash(i * 5 + 3) % 2592000000000)::BIGINT) AS event_timestamp, "
              + "random() AS label FROM range(" + entities + ") t(i)) TO " + Tables.literal(dir.resolve("entities.parquet"))
              + " (FORMAT parquet)");
        }
        break;
      case "parity":
        try (RootAllocator allocator = new RootAllocator()) {
          OfflineView view = new OfflineView("stats", List.of(new ColumnSpec("driver_id", DataType.INT64)),
              OfflineSource.parquet(dir.resolve("src").toString(), "ts", Optional.empty()), Duration.ofDays(2),
              List.of(OfflineFeature.column("conv_rate", DataType.FLOAT64), OfflineFeature.column("trips", DataType.INT64)),
              List.of());
          TrainingSetResult result = OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp")))
              .buildTrainingSet(new TrainingSetRequest(EntityTable.parquet(dir.resolve("entities.parquet").toString()),
                  List.of(view), dir.resolve("parity.parquet"), Optional.empty()), Progress.NONE);
          System.out.println("rows " + result.rows());
        }
        break;
      case "duckdb":
        try (Tables.Duck duck = new Tables.Duck()) {
          duck.execute("SET threads = 2");
          duck.execute("COPY (SELECT e.driver_id, e.event_timestamp, e.label, "
              + "CASE WHEN s.ts >= e.event_timestamp - INTERVAL 2 DAY THEN s.conv_rate END AS stats__conv_rate, "
              + "CASE WHEN s.ts >= e.event_timestamp - INTERVAL 2 DAY THEN s.trips END AS stats__trips "
              + "FROM read_parquet(" + Tables.literal(dir.resolve("entities.parquet")) + ", file_row_number = true) e "
              + "ASOF LEFT JOIN read_parquet(" + Tables.literal(dir.resolve("src")) + " || '/*.parquet') s "
              + "ON e.driver_id = s.driver_id AND e.event_timestamp >= s.ts ORDER BY e.file_row_number) TO "
              + Tables.literal(dir.resolve("duckdb.parquet")) + " (FORMAT parquet)");
        }
        break;
      default:
        throw new IllegalArgumentException("mode gen|parity|duckdb: " + mode);
    }
    System.out.printf("%s: %.2f s%n", mode, (System.nanoTime() - start) / 1e9);
  }
}
