package dev.parity.reports.skew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parity.reports.skew.SkewData.Shape;
import dev.parity.reports.skew.SkewReport.Bin;
import dev.parity.reports.skew.SkewReport.FeatureSkew;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every statistic of the report against DuckDB computing the same bins and statistics from the
 * raw rows of the same Parquet files ({@code skew/reference-*.sql}). Below the sketches' k the
 * report is exact and must agree to rounding; above it, within the sketches' rank error.
 */
class SkewDuckDbReferenceTest {
  private static final int TOP_K = 3;
  private static final SkewOptions OPTIONS = SkewOptions.defaults().withTopCategories(TOP_K);

  private final BufferAllocator allocator = new RootAllocator();
  @TempDir Path dir;

  @AfterEach
  void close() {
    allocator.close();
  }

  /** Reference and current drawn differently in every feature, so that no statistic is trivially 0. */
  private SkewReport report(int rows, Path reference, Path current) {
    SkewData.write(reference, Shape.of(11, rows));
    SkewData.write(current, Shape.of(12, rows).rateMean(0.3).nullRate(0.05).newCategory(0.05));
    SkewReports reports = new SkewReports(allocator, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), OPTIONS);
    return reports.compare(SkewData.repository(), "scoring", ParquetInput.of(reference.toString()),
        ParquetInput.of(current.toString()));
  }

  @Test
  void exactSummariesAgreeWithDuckDbToRounding() throws Exception {
    // 997 rows: below k = 1024, every sketch exact; not a multiple of the bins, so no edge sits on a tie of ranks
    Path reference = dir.resolve("ref.parquet");
    Path current = dir.resolve("cur.parquet");
    SkewReport report = report(997, reference, current);
    try (Duck duck = new Duck()) {
      for (String feature : List.of("rate", "trips", "seen_at")) {
        FeatureSkew skew = feature(report, feature);
        assertThat(skew.exact()).isTrue();
        Map<String, Double> expected = duck.numeric(reference, current, "stats__" + feature, OPTIONS.numericBins());
        assertClose(shares(skew, true), duck.column("p"), 1e-12, feature + " reference shares");
        assertClose(shares(skew, false), duck.column("q"), 1e-12, feature + " current shares");
        for (String statistic : List.of("psi", "js", "ks", "wasserstein", "null_rate")) {
          assertThat(value(skew, statistic)).as(feature + " " + statistic).isCloseTo(expected.get(statistic), within(1e-9));
        }
        assertThat(skew.reference().standardDeviation()).isCloseTo(expected.get("sd"), within(1e-9 * expected.get("sd")));
      }
      for (String feature : List.of("vehicle", "active")) {
        FeatureSkew skew = feature(report, feature);
        Map<String, Double> expected = duck.categorical(reference, current, "stats__" + feature, TOP_K);
        assertCategoricalShares(skew, duck.categoricalShares());
        assertThat(value(skew, "linf")).as(feature).isCloseTo(expected.get("linf"), within(1e-12));
        assertThat(value(skew, "null_rate")).as(feature).isCloseTo(expected.get("null_rate"), within(1e-12));
      }
    }
  }

  @Test
  void sketchedSummariesAgreeWithDuckDbWithinTheirRankError() throws Exception {
    Path reference = dir.resolve("ref.parquet");
    Path current = dir.resolve("cur.parquet");
    SkewReport report = report(50_000, reference, current);
    double epsilon = report.settings().quantileRankError();
    try (Duck duck = new Duck()) {
      // continuous features: the edges are quantiles within epsilon in rank, so each share moves by at most
      // 2 epsilon at its two edges plus 2 epsilon of the side's own rank error
      for (String feature : List.of("rate", "seen_at")) {
        FeatureSkew skew = feature(report, feature);
        assertThat(skew.exact()).isFalse();
        Map<String, Double> expected = duck.numeric(reference, current, "stats__" + feature, OPTIONS.numericBins());
        assertClose(shares(skew, true), duck.column("p"), 4 * epsilon, feature);
        assertClose(shares(skew, false), duck.column("q"), 4 * epsilon, feature);
        // each distribution function is within epsilon of the exact one
        assertThat(value(skew, "ks")).as(feature + " ks").isCloseTo(expected.get("ks"), within(2 * epsilon));
        // the area between the two functions moves by at most 2 epsilon over the range, in reference deviations
        double range = (skew.reference().max() - skew.reference().min()) / expected.get("sd");
        assertThat(value(skew, "wasserstein")).as(feature + " wasserstein")
            .isCloseTo(expected.get("wasserstein"), within(2 * epsilon * range));
        // PSI and JS: within a hundredth, a tenth of their default thresholds (measured: under a thousandth)
        assertThat(value(skew, "psi")).as(feature + " psi").isCloseTo(expected.get("psi"), within(0.01));
        assertThat(value(skew, "js")).as(feature + " js").isCloseTo(expected.get("js"), within(0.01));
        assertThat(value(skew, "null_rate")).as(feature).isCloseTo(expected.get("null_rate"), within(1e-12));
      }
      // a handful of categories: the frequent-items sketches stay exact
      FeatureSkew vehicle = feature(report, "vehicle");
      assertThat(vehicle.exact()).isTrue();
      Map<String, Double> expected = duck.categorical(reference, current, "stats__vehicle", TOP_K);
      assertCategoricalShares(vehicle, duck.categoricalShares());
      assertThat(value(vehicle, "linf")).isCloseTo(expected.get("linf"), within(1e-12));
    }
  }

  private static FeatureSkew feature(SkewReport report, String name) {
    return report.features().stream().filter(f -> f.feature().equals("stats:" + name)).findFirst().orElseThrow();
  }

  private static double value(FeatureSkew feature, String statistic) {
    return feature.statistics().stream().filter(s -> s.name().equals(statistic)).findFirst().orElseThrow().value();
  }

  private static List<Double> shares(FeatureSkew feature, boolean reference) {
    return feature.bins().stream().map(b -> reference ? b.reference() : b.current()).toList();
  }

  private static void assertClose(List<Double> actual, List<Double> expected, double tolerance, String what) {
    assertThat(actual).as(what + " bins").hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as(what + " bin " + i).isCloseTo(expected.get(i), within(tolerance));
    }
  }

  private static void assertCategoricalShares(FeatureSkew feature, Map<String, double[]> expected) {
    Map<String, double[]> actual = new LinkedHashMap<>();
    for (Bin bin : feature.bins()) {
      String label = bin.kind().equals("category") ? bin.label() : "(" + bin.kind() + ")";
      actual.put(label, new double[] {bin.reference(), bin.current()});
    }
    assertThat(actual.keySet()).as(feature.feature()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((label, shares) -> {
      assertThat(actual.get(label)[0]).as(feature.feature() + " " + label).isCloseTo(shares[0], within(1e-12));
      assertThat(actual.get(label)[1]).as(feature.feature() + " " + label).isCloseTo(shares[1], within(1e-12));
    });
  }

  /** An in-memory DuckDB running the reference scripts. */
  private static final class Duck implements AutoCloseable {
    private final Connection connection;
    private final Map<String, List<Double>> shares = new LinkedHashMap<>();

    Duck() throws SQLException {
      connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement st = connection.createStatement()) {
        st.execute("SET threads = 1");
      }
    }

    Map<String, Double> numeric(Path reference, Path current, String column, int bins) throws Exception {
      run("reference-numeric.sql", Map.of("${reference}", literal(reference), "${current}", literal(current),
          "${value}", column.endsWith("seen_at") ? "epoch_us(" + column + ")::DOUBLE" : "CAST(" + column + " AS DOUBLE)",
          "${bins}", Integer.toString(bins)));
      shares.clear();
      shares.put("p", new ArrayList<>());
      shares.put("q", new ArrayList<>());
      try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT p, q FROM shares ORDER BY bin")) {
        while (rs.next()) {
          shares.get("p").add(rs.getDouble(1));
          shares.get("q").add(rs.getDouble(2));
        }
      }
      return row("SELECT psi, js, ks, w1, sd, wasserstein, null_rate FROM stats");
    }

    List<Double> column(String name) {
      return shares.get(name);
    }

    Map<String, Double> categorical(Path reference, Path current, String column, int topK) throws Exception {
      run("reference-categorical.sql", Map.of("${reference}", literal(reference), "${current}", literal(current),
          "${column}", column, "${top_k}", Integer.toString(topK)));
      return row("SELECT linf, null_rate FROM stats");
    }

    Map<String, double[]> categoricalShares() throws SQLException {
      Map<String, double[]> result = new LinkedHashMap<>();
      try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT label, p, q FROM shares")) {
        while (rs.next()) {
          result.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)});
        }
      }
      return result;
    }

    private Map<String, Double> row(String sql) throws SQLException {
      Map<String, Double> row = new LinkedHashMap<>();
      try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        assertThat(rs.next()).isTrue();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnName(i), rs.getDouble(i));
        }
      }
      return row;
    }

    private void run(String script, Map<String, String> parameters) throws IOException, SQLException {
      String sql;
      try (InputStream in = SkewDuckDbReferenceTest.class.getClassLoader().getResourceAsStream("skew/" + script)) {
        sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
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
          try (Statement st = connection.createStatement()) {
            st.execute(statement.toString());
          }
          statement.setLength(0);
        }
      }
    }

    private static String literal(Path path) {
      return path.toAbsolutePath().toString().replace("'", "''");
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
