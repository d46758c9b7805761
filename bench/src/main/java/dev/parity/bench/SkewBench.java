package dev.parity.bench;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.reports.skew.ParquetInput;
import dev.parity.reports.skew.SkewOptions;
import dev.parity.reports.skew.SkewReport;
import dev.parity.reports.skew.SkewReports;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Distribution skew of two {@code ROWS}-row data sets of 10 features (the training-set
 * benchmark's feature columns, {@link TrainingSetData}: 7 float64, 2 int64, 1 string; the current
 * side shifted, rescaled, with more nulls and a new category): Parity's skew report against DuckDB
 * computing the same bins and statistics in SQL, exactly, from the raw rows (the reports module's
 * reference scripts, {@code reports/src/test/resources/skew/reference-*.sql}, one feature at a
 * time). Rounds alternate the two in one JVM; each prints its time, and the run ends with the
 * medians, their ratio, the heap's peak and how far the two engines' numbers are apart.
 *
 * <pre>
 * SkewBench DIR SCRIPTS [ROWS ROUNDS]   defaults 1M rows, 3 rounds
 * </pre>
 */
public final class SkewBench {
  private static final String SERVICE = "scoring";

  private SkewBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: DIR SCRIPTS [ROWS ROUNDS]");
    }
    Path dir = Paths.get(args[0]).toAbsolutePath();
    Path scripts = Paths.get(args[1]).toAbsolutePath();
    long rows = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Files.createDirectories(dir);
    Path reference = dir.resolve("reference-" + rows + ".parquet");
    Path current = dir.resolve("current-" + rows + ".parquet");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      execute(duck, "SET threads = 2");
      generate(duck, reference, current, rows);
      Files.writeString(dir.resolve("features.yaml"), definitions());
      FeatureRepository repository = new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(dir);
      SkewOptions options = SkewOptions.defaults();
      List<Double> parityTimes = new ArrayList<>();
      List<Double> duckTimes = new ArrayList<>();
      SkewReport report = null;
      Map<String, Map<String, Double>> expected = null;
      try (BufferAllocator allocator = new RootAllocator()) {
        for (int round = 1; round <= rounds; round++) {
          long start = System.nanoTime();
          report = new SkewReports(allocator, Clock.systemUTC(), options).compare(repository, SERVICE,
              ParquetInput.of(reference.toString()), ParquetInput.of(current.toString()));
          parityTimes.add((System.nanoTime() - start) / 1e9);
          start = System.nanoTime();
          expected = duckDb(duck, scripts, reference, current, options);
          duckTimes.add((System.nanoTime() - start) / 1e9);
          System.out.printf("round %d: parity %.2f s, duckdb %.2f s%n", round, parityTimes.get(round - 1),
              duckTimes.get(round - 1));
        }
      }
      double parity = median(parityTimes);
      double duckDb = median(duckTimes);
      System.out.printf("skew of %d x %d rows, %d features: median parity %.2f s, duckdb %.2f s, parity/duckdb %.2f;"
          + " peak heap %d MB (max %d MB)%n", report.reference().rows(), report.current().rows(),
          report.features().size(), parity, duckDb, parity / duckDb, peakHeap() >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
      System.out.println("largest |parity - duckdb| per statistic (exact below k rows, else within the sketches' "
          + "rank error " + report.settings().quantileRankError() + "): " + differences(report, expected));
    }
  }

  /** Both data sets, unless a previous run of the same size left them. */
  private static void generate(Connection duck, Path reference, Path current, long rows) throws SQLException {
    if (Files.exists(reference) && Files.exists(current)) {
      return;
    }
    // reference: uniform doubles, small counts, four categories; current: the same shapes drawn
    // with other hashes, f0 shifted, f1 rescaled, 3 % more nulls in f2, a new category
    copy(duck, reference, rows, 0, "", "");
    copy(duck, current, rows, 1_000_000_007L, " + 50", " * 1.2");
  }

  private static void copy(Connection duck, Path file, long rows, long salt, String shift, String scale)
      throws SQLException {
    StringBuilder select = new StringBuilder("(1000 + i % 100000)::BIGINT AS driver_id");
    for (int f = 0; f < TrainingSetData.DOUBLES.length; f++) {
      String value = "(hash(i * 31 + " + (f + salt) + ") % 1000000) / 1000.0"
          + (f == 0 ? shift : f == 1 ? scale : "");
      String nullIf = f == 2 ? " WHEN hash(i * 13 + " + salt + ") % 100 < " + (salt == 0 ? 1 : 4) + " THEN NULL" : "";
      select.append(", CASE").append(nullIf).append(" WHEN true THEN ").append(value).append(" END AS stats__")
          .append(TrainingSetData.DOUBLES[f]);
    }
    for (int n = 0; n < TrainingSetData.LONGS.length; n++) {
      select.append(", (hash(i * 37 + ").append(n + salt).append(") % ").append(n == 0 ? 100 : 100_000)
          .append(")::BIGINT AS stats__").append(TrainingSetData.LONGS[n]);
    }
    select.append(", CASE WHEN hash(i * 43 + ").append(salt).append(") % 100 < ").append(salt == 0 ? 0 : 5)
        .append(" THEN 'bike' ELSE ['sedan', 'suv', 'van', 'truck'][(hash(i * 41 + ").append(salt)
        .append(") % 4)::INT + 1] END AS stats__").append(TrainingSetData.STRING);
    execute(duck, "COPY (SELECT " + select + " FROM range(" + rows + ") t(i)) TO "
        + TrainingSetData.literal(file) + " (FORMAT parquet)");
  }

  private static String definitions() {
    StringBuilder features = new StringBuilder();
    for (String f : TrainingSetData.DOUBLES) {
      features.append("      - { name: ").append(f).append(", type: float64 }\n");
    }
    for (String f : TrainingSetData.LONGS) {
      features.append("      - { name: ").append(f).append(", type: int64 }\n");
    }
    features.append("      - { name: ").append(TrainingSetData.STRING).append(", type: string }\n");
    return "entities:\n  - { name: driver, join_keys: [driver_id] }\n"
        + "sources:\n  - name: stats\n    format: parquet\n    path: src\n    timestamp: event_timestamp\n"
        + "feature_views:\n  - name: stats\n    entities: [driver]\n    source: stats\n    features:\n" + features
        + "feature_services:\n  - name: " + SERVICE + "\n    features: { stats: \"*\" }\n";
  }

  /** Each feature's statistics by DuckDB, as the reference scripts compute them. */
  private static Map<String, Map<String, Double>> duckDb(Connection duck, Path scripts, Path reference, Path current,
      SkewOptions options) throws Exception {
    Map<String, Map<String, Double>> features = new LinkedHashMap<>();
    List<String> numeric = new ArrayList<>(Arrays.asList(TrainingSetData.DOUBLES));
    numeric.addAll(Arrays.asList(TrainingSetData.LONGS));
    for (String f : numeric) {
      run(duck, scripts.resolve("reference-numeric.sql"), Map.of("${reference}", path(reference), "${current}",
          path(current), "${value}", "CAST(stats__" + f + " AS DOUBLE)", "${bins}",
          Integer.toString(options.numericBins())));
      features.put("stats:" + f, row(duck, "SELECT psi, js, ks, wasserstein, null_rate FROM stats"));
    }
    run(duck, scripts.resolve("reference-categorical.sql"), Map.of("${reference}", path(reference), "${current}",
        path(current), "${column}", "stats__" + TrainingSetData.STRING, "${top_k}",
        Integer.toString(options.topCategories())));
    features.put("stats:" + TrainingSetData.STRING, row(duck, "SELECT linf, null_rate FROM stats"));
    return features;
  }

  /** The largest absolute difference of each statistic between the two engines, over the features. */
  private static Map<String, Double> differences(SkewReport report, Map<String, Map<String, Double>> expected) {
    Map<String, Double> largest = new LinkedHashMap<>();
    for (SkewReport.FeatureSkew feature : report.features()) {
      Map<String, Double> duck = expected.get(feature.feature());
      for (SkewReport.Statistic statistic : feature.statistics()) {
        Double other = duck.get(statistic.name());
        if (other != null && statistic.value() != null) {
          largest.merge(statistic.name(), Math.abs(statistic.value() - other), Math::max);
        }
      }
    }
    return largest;
  }

  /** Runs a script statement by statement, its placeholders replaced; lines starting with -- are comments. */
  private static void run(Connection duck, Path script, Map<String, String> parameters) throws Exception {
    String sql = Files.readString(script, StandardCharsets.UTF_8);
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      sql = sql.replace(p.getKey(), p.getValue());
    }
    StringBuilder statement = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (line.startsWith("--")) {
        continue;
      }
      statement.append(line).append('\n');
      if (line.stripTrailing().endsWith(";")) {
        execute(duck, statement.toString());
        statement.setLength(0);
      }
    }
  }

  private static Map<String, Double> row(Connection duck, String sql) throws SQLException {
    Map<String, Double> row = new LinkedHashMap<>();
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.put(rs.getMetaData().getColumnName(i), rs.getDouble(i));
      }
    }
    return row;
  }

  private static void execute(Connection duck, String sql) throws SQLException {
    try (Statement st = duck.createStatement()) {
      st.execute(sql);
    }
  }

  /** A path inside the scripts' single quotes. */
  private static String path(Path file) {
    return file.toAbsolutePath().toString().replace("'", "''");
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The largest heap the JVM used so far: the sum of its heap pools' peaks. */
  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
