package dev.parity.server.reports;

import static dev.parity.server.reports.ConsistencyFixture.SERVICE;
import static dev.parity.server.reports.ConsistencyFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.RepositoryConfig;
import dev.parity.online.testing.TestRedis;
import dev.parity.reports.consistency.ConsistencyReport;
import dev.parity.reports.consistency.ConsistencyReportJson;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.SkewReport;
import dev.parity.reports.consistency.MismatchCause;
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
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parity consistency-report} in-process, as the launcher runs it, over Redis and the H2 registry. */
class ConsistencyReportCommandTest {
  @TempDir Path temp;
  private ConsistencyFixture fixture;

  record Result(Optional<Throwable> failure, String out, String err) {}

  @BeforeEach
  void apply() {
    fixture = new ConsistencyFixture(temp.resolve("drivers")).apply();
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void printsTheVerdictsWithTheirCausesAndWritesTheHtmlAndJsonReports() throws IOException {
    fixture.materialize(T.minus(Duration.ofHours(12)));
    Path html = temp.resolve("out/consistency.html");
    Path json = temp.resolve("out/consistency.json");

    Result result = run("consistency-report", "-r", fixture.root.toString(), "--service", SERVICE, "--sample", "40",
        "--out", html.toString(), "--json", json.toString());

    assertThat(result.failure()).isEmpty();
    assertThat(result.out()).startsWith("Consistency report for service " + SERVICE + ": FAIL (")
        .contains("  compared: 40 entities drawn by a stable hash")
        .containsPattern("\nfeature +type +verdict +total +both_null +online_only_null +offline_only_null +mismatch"
            + " +mismatch_rate +smape +not_compared +causes\n")
        .containsPattern("driver_hourly_stats:conv_rate +float64 +FAIL +40 .*materialization lag [0-9]+")
        .containsPattern("\nRecorded as report [0-9]+ in the metadata store\\.\n")
        .endsWith("HTML report: " + html + "\nJSON report: " + json + "\n");
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>")
        .contains("data-cause=\"materialization_lag\"");
    ConsistencyReport report = ConsistencyReportJson.fromJson(Files.readString(json));
    assertThat(report.rows()).isEqualTo(40);
    assertThat(ConsistencyFixture.causes(ConsistencyFixture.feature(report, "driver_hourly_stats:conv_rate")))
        .containsKey(MismatchCause.MATERIALIZATION_LAG);
    List<Recorded<SkewReport>> recorded = fixture.stores(false).metadata().skewReports(fixture.project, SERVICE, 10, 0);
    assertThat(recorded).hasSize(1);
    SkewReport stored = recorded.get(0).value();
    assertThat(stored.kind()).isEqualTo("value_consistency");
    assertThat(stored.verdict()).contains("FAIL");
    assertThat(stored.serviceVersion()).isPresent();
    assertThat(stored.maxMetric()).isEqualTo(report.worstMismatchRate()).isPositive();
    assertThat(ConsistencyReportJson.fromJson(stored.report().toString())).isEqualTo(report);
  }

  @Test
  void badInputIsAOneLineReasonAndWritesNothing() {
    Path html = temp.resolve("report.html");

    Result noRange = run("consistency-report", "-r", fixture.root.toString(), "--service", SERVICE, "--serving-log",
        "--out", html.toString());
    Result noLog = run("consistency-report", "-r", fixture.root.toString(), "--service", SERVICE, "--serving-log",
        "--from", "2026-01-30T00:00:00Z", "--to", "2026-01-31T00:00:00Z", "--out", html.toString());
    Result badTime = run("consistency-report", "-r", fixture.root.toString(), "--service", SERVICE, "--serving-log",
        "--from", "yesterday", "--to", "2026-01-31T00:00:00Z", "--out", html.toString());

    assertThat(noRange.err()).isEqualTo("parity consistency-report: --serving-log needs --from and --to\n");
    assertThat(noLog.err()).startsWith("parity consistency-report: there is no serving log at ").hasLineCount(1);
    assertThat(badTime.err()).startsWith("parity consistency-report: --from 'yesterday' is not an ISO-8601 timestamp")
        .hasLineCount(1);
    assertThat(html).doesNotExist();
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    ParityApplication application = new ParityApplication(Map.of(RepositoryConfig.REDIS_URL_ENV,
        TestRedis.standaloneUrl()), Clock.fixed(T, ZoneOffset.UTC), outStream, errStream);
    Bootstrap<ParityConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    Optional<Throwable> failure = new Cli(new JarLocation(ParityApplication.class), bootstrap, outStream, errStream)
        .run(args);
    return new Result(failure, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
