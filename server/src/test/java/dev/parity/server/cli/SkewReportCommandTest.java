package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.registry.jdbi.RegistryDatabase;
import dev.parity.registry.metadata.Recorded;
import dev.parity.server.db.RegistryPool;
import dev.parity.server.core.RepositoryService;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import dev.parity.reports.skew.SkewReport;
import dev.parity.reports.skew.SkewReportJson;
import dev.parity.server.ParityApplication;
import dev.parity.server.ParityConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parity skew-report} in-process, as the launcher runs it. */
class SkewReportCommandTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String DEFINITIONS = """
      entities:
        - { name: driver, join_keys: [driver_id] }
      sources:
        - name: stats
          format: csv
          path: data/stats.csv
          timestamp: ts
          schema: { driver_id: int64, rate: float64, vehicle: string, ts: timestamp }
      feature_views:
        - name: stats
          entities: [driver]
          source: stats
          features:
            - { name: rate, type: float64 }
            - { name: vehicle, type: string }
      feature_services:
        - name: scoring
          features: { stats: "*" }
      """;

  @TempDir Path temp;

  record Result(Optional<Throwable> failure, String out, String err) {}

  private Path repository() throws IOException {
    Path repo = Files.createDirectories(temp.resolve("repo"));
    Files.writeString(repo.resolve("features.yaml"), DEFINITIONS);
    return repo;
  }

  /** 400 rows: rate = i / 400 + shift, vehicle cycling through {@code vehicles}. */
  private Path data(String name, double shift, List<String> vehicles) {
    Path file = temp.resolve(name + ".parquet");
    List<Column> columns = List.of(Column.required("driver_id", DataType.INT64), Column.optional("stats__rate", DataType.FLOAT64),
        Column.optional("stats__vehicle", DataType.STRING));
    try (RowWriter out = ParquetFiles.create(file, columns, ParquetWriteOptions.defaults())) {
      for (int i = 0; i < 400; i++) {
        out.setLong(0, i).setDouble(1, i / 400.0 + shift).setString(2, vehicles.get(i % vehicles.size())).endRow();
      }
      out.commit();
    }
    return file;
  }

  @Test
  void printsTheVerdictsAndWritesTheHtmlAndJsonReports() throws IOException {
    Path repo = repository();
    Path reference = data("ref", 0, List.of("sedan", "suv"));
    Path current = data("cur", 0.5, List.of("sedan", "suv", "truck"));
    Path html = temp.resolve("out/report.html");
    Path json = temp.resolve("out/report.json");

    Result result = run("skew-report", "-r", repo.toString(), "--service", "scoring", "--reference", reference.toString(),
        "--current", current.toString(), "--out", html.toString(), "--json", json.toString());

    assertThat(result.failure()).isEmpty();
    assertThat(result.err()).isEmpty();
    // vehicle: "truck" (133 of 400 rows) all in "other", the largest change of a share
    assertThat(result.out()).startsWith("Skew report for service scoring: FAIL (2 of 2 features)\n")
        .contains("  reference: Parquet file " + reference.toAbsolutePath() + ", 400 rows\n")
        .containsPattern("\nfeature +type +verdict +psi +js +ks +wasserstein +linf +null_rate\n")
        .containsPattern("stats:rate +float64 +FAIL +[0-9.]+!")
        .containsPattern("stats:vehicle +string +FAIL +0\\.3325! +0\\.0000")
        .containsPattern("\nRecorded as report [0-9]+ in the metadata store\\.\n")
        .endsWith("HTML report: " + html + "\nJSON report: " + json + "\n");
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("data-feature=\"stats:vehicle\"");
    SkewReport report = SkewReportJson.fromJson(Files.readString(json));
    assertThat(report.verdict()).isEqualTo(SkewReport.Verdict.FAIL);
    assertThat(report.createdAt()).isEqualTo("2026-02-01T00:00:00Z");
    assertThat(temp.resolve("out")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
  }

  @Test
  void recordsTheReportInTheMetadataStoreWithItsServiceVerdictAndLargestPsi() throws IOException {
    Path repo = repository();
    Path reference = data("ref", 0, List.of("sedan", "suv"));
    Path current = data("cur", 0.5, List.of("sedan", "suv", "truck"));
    Path json = temp.resolve("report.json");

    Result result = run("skew-report", "-r", repo.toString(), "--service", "scoring", "--reference", reference.toString(),
        "--current", current.toString(), "--out", temp.resolve("report.html").toString(), "--json", json.toString());

    assertThat(result.failure()).isEmpty();
    Matcher id = Pattern.compile("Recorded as report ([0-9]+) in the metadata store").matcher(result.out());
    assertThat(id.find()).as(result.out()).isTrue();
    FeatureRepository definitions = new RepositoryService(new ParquetSchemaResolver(), Map.of(), CLOCK).load(repo);
    try (RegistryDatabase database = RegistryDatabase.open(definitions.config().registryUrl(), repo,
        RegistryPool.unmetered())) {
      Recorded<dev.parity.registry.metadata.SkewReport> recorded = database.metadata(CLOCK)
          .skewReport(Long.parseLong(id.group(1))).orElseThrow();
      SkewReport written = SkewReportJson.fromJson(Files.readString(json));
      assertThat(recorded.value().kind()).isEqualTo("distribution");
      assertThat(recorded.value().service()).contains("scoring");
      assertThat(recorded.value().verdict()).contains("FAIL");
      assertThat(SkewReportJson.fromJson(recorded.value().report().toString())).isEqualTo(written);
      double largestPsi = written.features().stream().flatMap(f -> f.statistics().stream())
          .filter(s -> s.name().equals("psi")).mapToDouble(SkewReport.Statistic::value).max().orElseThrow();
      assertThat(recorded.value().maxMetric()).isEqualTo(largestPsi);
    }
  }

  @Test
  void aMissingInputIsAOneLineReasonAndWritesNothing() throws IOException {
    Path repo = repository();
    Path html = temp.resolve("report.html");
    Result result = run("skew-report", "-r", repo.toString(), "--service", "scoring", "--reference",
        temp.resolve("absent.parquet").toString(), "--current", data("cur", 0, List.of("a")).toString(), "--out", html.toString());

    assertThat(result.failure()).isPresent();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("parity skew-report: ").contains("absent.parquet").hasLineCount(1);
    assertThat(html).doesNotExist();
  }

  @Test
  void aTrainingSetOrLogRangeThatDoesNotResolveIsAOneLineReasonNamingTheOption() throws IOException {
    Path repo = repository();
    String data = data("cur", 0, List.of("a")).toString();
    Path html = temp.resolve("report.html");

    Result unknown = run("skew-report", "-r", repo.toString(), "--service", "scoring", "--reference",
        "training-set:42", "--current", data, "--out", html.toString());
    Result backwards = run("skew-report", "-r", repo.toString(), "--service", "scoring", "--reference", data,
        "--current", "log:2026-01-02T00:00:00Z..2026-01-01T00:00:00Z", "--out", html.toString());
    Result noLog = run("skew-report", "-r", repo.toString(), "--service", "scoring", "--reference", data,
        "--current", "log:2026-01-01T00:00:00Z..2026-01-02T00:00:00Z", "--out", html.toString());

    assertThat(unknown.err()).startsWith("parity skew-report: --reference 'training-set:42': there is no training "
        + "set 42 in project ").hasLineCount(1);
    assertThat(backwards.err()).isEqualTo("parity skew-report: --current 'log:2026-01-02T00:00:00Z..2026-01-01T00:00:00Z'"
        + ": the range's start 2026-01-02T00:00:00Z is not before its end 2026-01-01T00:00:00Z\n");
    assertThat(noLog.err()).startsWith("parity skew-report: --current 'log:2026-01-01T00:00:00Z..2026-01-02T00:00:00Z'"
        + ": there is no serving log at ").hasLineCount(1);
    assertThat(html).doesNotExist();
  }

  @Test
  void anUnknownServiceIsAOneLineReason() throws IOException {
    Path repo = repository();
    Path data = data("ref", 0, List.of("a"));
    Result result = run("skew-report", "-r", repo.toString(), "--service", "scorin", "--reference", data.toString(),
        "--current", data.toString(), "--out", temp.resolve("r.html").toString());
    assertThat(result.err()).isEqualTo("parity skew-report: unknown feature service 'scorin' (did you mean 'scoring'?)\n");
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    ParityApplication application = new ParityApplication(Map.of(), CLOCK, outStream, errStream);
    Bootstrap<ParityConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    Optional<Throwable> failure = new Cli(new JarLocation(ParityApplication.class), bootstrap, outStream, errStream).run(args);
    return new Result(failure, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
