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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Value consistency over a serving log: {@code LOG_ROWS} logged requests of a service of 10
 * features (the training-set benchmark's source, {@link TrainingSetData}), each recomputed
 * through the offline training-set API and compared. The log holds what the offline path computes
 * (DuckDB's ASOF join, written in the serving log's layout), so the report must find no mismatch:
 * the run measures reading, recomputing and comparing.
 *
 * <p>The reference, in the same JVM and alternating rounds: DuckDB making the same comparison in
 * SQL, an ASOF join of the logged requests with the source files (the ttl applied as the training
 * set applies it) counting, per feature, the logged values distinct from the joined ones. Both
 * must count the same mismatches (none); the run ends with the medians and their ratio.
 *
 * <pre>
 * ConsistencyBench DIR [SOURCE_ROWS KEYS LOG_ROWS ROUNDS]   defaults 1M source rows, 100k keys, 100k logged requests, 3 rounds
 * </pre>
 */
public final class ConsistencyBench {
  private ConsistencyBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: DIR [SOURCE_ROWS KEYS LOG_ROWS ROUNDS]");
    }
    Path dir = Paths.get(args[0]).toAbsolutePath();
    long sourceRows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    long keys = args.length > 2 ? Long.parseLong(args[2]) : 100_000;
    long logRows = args.length > 3 ? Long.parseLong(args[3]) : 100_000;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
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
    List<Double> parityTimes = new ArrayList<>();
    List<Double> duckTimes = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator();
        Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      OfflineOptions options = OfflineOptions.defaults(Files.createDirectories(dir.resolve("tmp"))).withThreads(2);
      ValueConsistency consistency = new ValueConsistency(OfflineEngine.embedded(allocator, options), allocator,
          options, Clock.systemUTC(), MaterializationHistory.none(), ConsistencyOptions.defaults(dir.resolve("tmp")));
      try (Statement st = duck.createStatement()) {
        st.execute("SET TimeZone = 'UTC'");
        st.execute("SET threads = 2");
      }
      ConsistencyReport report = null;
      Map<String, Long> duckMismatches = Map.of();
      for (int round = 1; round <= rounds; round++) {
        long start = System.nanoTime();
        report = consistency.servingLog(repository, "scoring", log, from, to);
        parityTimes.add((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        duckMismatches = duckDbMismatches(duck, log, dir.resolve("src"));
        duckTimes.add((System.nanoTime() - start) / 1e9);
        System.out.printf("round %d: parity %.2f s, duckdb %.2f s%n", round, parityTimes.get(round - 1),
            duckTimes.get(round - 1));
      }
      System.out.print(ConsistencyReportText.render(report));
      Map<String, Long> parityMismatches = new TreeMap<>();
      report.features().forEach(f -> parityMismatches.put(f.feature(), f.mismatch()));
      double parity = median(parityTimes);
      double duckDb = median(duckTimes);
      System.out.printf("consistency of %d logged requests x %d features: median parity %.2f s, duckdb %.2f s, "
          + "parity/duckdb %.2f (heap used at the end %d MB)%n", report.rows(), report.features().size(), parity,
          duckDb, parity / duckDb, (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
      System.out.println("mismatches: parity " + parityMismatches.values().stream().mapToLong(Long::longValue).sum()
          + ", duckdb " + duckMismatches.values().stream().mapToLong(Long::longValue).sum());
      if (!parityMismatches.equals(duckMismatches)) {
        throw new IllegalStateException("parity and duckdb count other mismatches: " + parityMismatches + " vs "
            + duckMismatches);
      }
      if (parityMismatches.values().stream().anyMatch(m -> m != 0)) {
        throw new IllegalStateException(parityMismatches + " mismatches where the log holds the offline values");
      }
    }
  }

  /**
   * DuckDB's side: each logged request joined ASOF with the latest source row of its driver at or
   * before the request time (none when older than the ttl, as a training set has it), and per
   * feature ({@code view:feature}, as the report names them) the logged values distinct from it.
   */
  private static Map<String, Long> duckDbMismatches(Connection duck, Path log, Path sources) throws SQLException {
    List<String> features = TrainingSetData.features();
    StringBuilder counts = new StringBuilder();
    for (String f : features) {
      counts.append(counts.isEmpty() ? "" : ", ").append("count(*) FILTER (WHERE l.stats__").append(f)
          .append(" IS DISTINCT FROM CASE WHEN s.event_timestamp >= l.request_time - INTERVAL ")
          .append(TrainingSetData.TTL_DAYS).append(" DAY THEN s.").append(f).append(" END)");
    }
    Map<String, Long> mismatches = new TreeMap<>();
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + counts + " FROM read_parquet("
            + TrainingSetData.literal(log.resolve("*.parquet")) + ") l ASOF LEFT JOIN read_parquet("
            + TrainingSetData.literal(sources.resolve("*.parquet")) + ") s "
            + "ON l.driver_id = s.driver_id AND l.request_time >= s.event_timestamp")) {
      rs.next();
      for (int i = 0; i < features.size(); i++) {
        mismatches.put("stats:" + features.get(i), rs.getLong(i + 1));
      }
    }
    return mismatches;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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
