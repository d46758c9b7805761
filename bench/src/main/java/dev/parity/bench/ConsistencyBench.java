package dev.parity.bench;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineOptions;
import dev.parity.reports.consistency.ConsistencyOptions;
import dev.parity.reports.consistency.ConsistencyReport;
import dev.parity.reports.consistency.ConsistencyReportText;
import dev.parity.reports.consistency.MaterializationHistory;
import dev.parity.reports.consistency.ValueConsistency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Value consistency over a serving log: {@code LOG_ROWS} logged requests of a service of 10
 * features (the training-set benchmark's source, {@link TrainingSetData}), each recomputed
 * through the offline training-set API and compared. The log holds what the offline path computes
 * (DuckDB's ASOF join, written in the serving log's layout), so the report must find no mismatch:
 * the run measures reading, recomputing and comparing.
 *
 * <pre>
 * ConsistencyBench DIR [SOURCE_ROWS KEYS LOG_ROWS]   defaults 1M source rows, 100k keys, 100k logged requests
 * </pre>
 */
public final class ConsistencyBench {
  private ConsistencyBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: DIR [SOURCE_ROWS KEYS LOG_ROWS]");
    }
    Path dir = Paths.get(args[0]).toAbsolutePath();
    long sourceRows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    long keys = args.length > 2 ? Long.parseLong(args[2]) : 100_000;
    long logRows = args.length > 3 ? Long.parseLong(args[3]) : 100_000;
    Files.createDirectories(dir);
    // The repository is DIR itself: source paths are relative to it.
    Path repo = dir;
    Files.writeString(repo.resolve("features.yaml"), definitions("src"));
    FeatureRepository repository = new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(repo);
    Path log = dir.resolve("serving_log/scoring");
    try (TrainingSetData data = new TrainingSetData(dir, 2, "zstd")) {
      data.generate(sourceRows, keys, logRows);
      Path joined = dir.resolve("served.parquet");
      data.asofJoin(joined);
      writeLog(joined, log, RepositoryVersions.of(repository).version(ObjectKind.FEATURE_VIEW, "stats"));
    }
    Instant from = Instant.parse("2024-01-01T00:00:00Z");
    Instant to = Instant.parse("2024-02-01T00:00:00Z");
    try (BufferAllocator allocator = new RootAllocator()) {
      OfflineOptions options = OfflineOptions.defaults(Files.createDirectories(dir.resolve("tmp"))).withThreads(2);
      ValueConsistency consistency = new ValueConsistency(OfflineEngine.embedded(allocator, options), allocator,
          options, Clock.systemUTC(), MaterializationHistory.none(), ConsistencyOptions.defaults(dir.resolve("tmp")));
      long start = System.nanoTime();
      ConsistencyReport report = consistency.servingLog(repository, "scoring", log, from, to);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.print(ConsistencyReportText.render(report));
      System.out.printf("consistency of %d logged requests x %d features: %.2f s (heap used at the end %d MB)%n",
          report.rows(), report.features().size(), seconds,
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
      long mismatches = report.features().stream().mapToLong(ConsistencyReport.FeatureConsistency::mismatch).sum();
      if (mismatches != 0) {
        throw new IllegalStateException(mismatches + " mismatches where the log holds the offline values");
      }
    }
  }

  private static String definitions(String sources) {
    StringBuilder features = new StringBuilder();
    for (String f : TrainingSetData.DOUBLES) {
      features.append("      - { name: ").append(f).append(", type: float64 }\n");
    }
    for (String f : TrainingSetData.LONGS) {
      features.append("      - { name: ").append(f).append(", type: int64 }\n");
    }
    features.append("      - { name: ").append(TrainingSetData.STRING).append(", type: string }\n");
    return "entities:\n  - { name: driver, join_keys: [driver_id] }\n"
        + "sources:\n  - name: stats\n    format: parquet\n    path: " + sources + "\n    timestamp: event_timestamp\n"
        + "feature_views:\n  - name: stats\n    entities: [driver]\n    source: stats\n    ttl: "
        + TrainingSetData.TTL_DAYS + "d\n    features:\n" + features
        + "feature_services:\n  - name: scoring\n    features: { stats: \"*\" }\n";
  }

  /** The joined rows in the serving log's layout: values served PRESENT, nulls NOT_FOUND. */
  private static void writeLog(Path joined, Path log, String viewVersion) throws Exception {
    Files.createDirectories(log);
    StringBuilder select = new StringBuilder("'r' || file_row_number AS request_id, event_timestamp AS request_time, "
        + "driver_id, '" + viewVersion + "' AS stats__view_version");
    for (String f : TrainingSetData.features()) {
      select.append(", stats__").append(f).append(", CASE WHEN stats__").append(f)
          .append(" IS NULL THEN 'NOT_FOUND' ELSE 'PRESENT' END AS stats__").append(f).append("__status");
    }
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = connection.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      st.execute("COPY (SELECT " + select + " FROM read_parquet(" + TrainingSetData.literal(joined)
          + ", file_row_number = true)) TO " + TrainingSetData.literal(log.resolve("part-0.parquet"))
          + " (FORMAT parquet)");
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet("
          + TrainingSetData.literal(log.resolve("part-0.parquet")) + ")")) {
        rs.next();
        System.out.println("serving log: " + rs.getLong(1) + " rows");
      }
    }
  }
}
