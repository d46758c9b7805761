package dev.parity.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.online.testing.TestRedis;
import dev.parity.reports.skew.SkewReport;
import dev.parity.reports.skew.SkewReportJson;
import dev.parity.server.ParityApplication;
import dev.parity.server.ParityConfiguration;
import dev.parity.server.app.TestServer;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenConfig;
import dev.parity.server.reports.LoggedRequests;
import dev.parity.server.reports.ReportGauges;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reports over HTTP: started as jobs, stored, read back as JSON and HTML, listed; the same as the CLI's. */
class ReportsResourceTest {
  private static final String READER = "reader-token-0123456789";
  private static final String WRITER = "writer-token-0123456789";
  private static final String SERVICE = "driver_ranking_v1";
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @TempDir static Path temp;
  static TestServer server;
  /** The training set of the service the server built, by id. */
  static long trainingSet;
  /** The serving log's range with one logged request (at its start), as a side: log:FROM..TO. */
  static String logRange;

  @BeforeAll
  static void start() {
    server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> config.getAuth().setTokens(
        List.of(new TokenConfig(READER, Set.of(Role.READER), "scorer"), new TokenConfig(WRITER, Set.of(Role.WRITER), "etl"))));
    // The reference of the skew reports: a training set of the service, built as a user would.
    JsonNode built = awaitEnd(server.post("/jobs/training-set", """
        {"feature_service": "driver_ranking_v1", "entities": "data/entities.parquet", "output": "out/ref.parquet"}""",
        WRITER));
    assertThat(built.get("status").asText()).as(built.toString()).isEqualTo("succeeded");
    trainingSet = built.get("result").get("training_set_id").asLong();
    // The log: one request of 8 drivers in the range, one at its (excluded) end.
    Instant from = server.now;
    Instant to = from.plus(Duration.ofHours(1));
    LoggedRequests.log(server, from, 1001, 1002, 1003, 1004, 1005, 1001, 1003, 1004);
    LoggedRequests.log(server, to, 1001, 1003);
    logRange = "log:" + from + ".." + to;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aSkewReportJobStoresTheReportReadableAsJsonAndHtmlAndListedByService() {
    JsonNode done = awaitEnd(server.post("/reports/skew", skewBody("out/ref.parquet"), WRITER));

    assertThat(done.get("kind").asText()).isEqualTo("skew-report");
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    JsonNode result = done.get("result");
    long id = result.get("report_id").asLong();
    assertThat(result.get("location").asText()).isEqualTo("/reports/" + id);
    assertThat(result.get("kind").asText()).isEqualTo("distribution");
    assertThat(result.get("verdict").asText()).isEqualTo("PASS");

    HttpResponse<String> json = server.get("/reports/" + id, READER);
    assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode stored = TestServer.json(json);
    assertThat(stored.get("service").asText()).isEqualTo(SERVICE);
    assertThat(stored.get("service_version").asText()).isNotEmpty();
    SkewReport report = SkewReportJson.fromJson(stored.get("report").toString());
    assertThat(report.service()).isEqualTo(SERVICE);
    assertThat(report.features()).isNotEmpty().allSatisfy(f -> assertThat(f.verdict()).isEqualTo(SkewReport.Verdict.PASS));

    HttpResponse<String> html = server.send(HttpRequest.newBuilder(server.uri("/reports/" + id))
        .header("Accept", "text/html").header("Authorization", "Bearer " + READER).GET().build());
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("data-feature=\"driver_hourly_stats:conv_rate\"");

    JsonNode listed = TestServer.json(server.get("/reports?service=" + SERVICE + "&limit=5", READER));
    assertThat(listed.isArray()).isTrue();
    assertThat(listed.get(0).get("report_id").asLong()).isEqualTo(id);
    assertThat(listed.get(0).has("report")).isFalse();
  }

  @Test
  void listsAServicesReportsNewestFirstUpToTheLimit() {
    long first = awaitEnd(server.post("/reports/skew", skewBody("out/ref.parquet"), WRITER)).get("result").get("report_id").asLong();
    long second = awaitEnd(server.post("/reports/skew", skewBody("out/ref.parquet"), WRITER)).get("result").get("report_id").asLong();

    JsonNode listed = TestServer.json(server.get("/reports?service=" + SERVICE + "&limit=2", READER));

    assertThat(listed).hasSize(2);
    assertThat(listed.get(0).get("report_id").asLong()).isEqualTo(second);
    assertThat(listed.get(1).get("report_id").asLong()).isEqualTo(first);
  }

  /**
   * Each kind of side (a training set by id, a range of the serving log, a path) in both roles;
   * {@code PATH} is given relative to the repository over HTTP, as its real path to the CLI.
   */
  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource({"TRAINING_SET, LOG", "PATH, LOG", "LOG, PATH", "TRAINING_SET, TRAINING_SET"})
  void theHttpAndCliSkewReportsOfTheSameInputsAreTheSameToEveryNumberAndRecordWhatTheyCompared(String reference,
      String current) throws IOException {
    JsonNode done = awaitEnd(server.post("/reports/skew", """
        {"service": "%s", "reference": "%s", "current": "%s"}""".formatted(SERVICE, side(reference, false),
        side(current, false)), WRITER));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    JsonNode fromHttp = TestServer.json(server.get("/reports/" + done.get("result").get("report_id").asLong(), READER));

    Path json = temp.resolve("cli-" + reference + "-" + current + ".json");
    String out = cli("skew-report", "-r", server.repository.toString(), "--service", SERVICE, "--reference",
        side(reference, true), "--current", side(current, true), "--out", temp.resolve("cli.html").toString(),
        "--json", json.toString());
    java.util.regex.Matcher recorded = java.util.regex.Pattern.compile("Recorded as report ([0-9]+) ").matcher(out);
    assertThat(recorded.find()).as(out).isTrue();
    JsonNode fromCli = TestServer.json(server.get("/reports/" + recorded.group(1), READER));

    // Deterministic sketches: the whole report agrees, every number of every feature included;
    // only the time it was made differs.
    SkewReport http = SkewReportJson.fromJson(fromHttp.get("report").toString());
    SkewReport cli = SkewReportJson.fromJson(Files.readString(json));
    assertThat(withoutTime(cli)).isEqualTo(withoutTime(http));
    assertThat(withoutTime(SkewReportJson.fromJson(fromCli.get("report").toString()))).isEqualTo(withoutTime(http));
    assertThat(http.features()).isNotEmpty();
    if (reference.equals(current)) {
      assertThat(http.features()).as("a data set against itself").allSatisfy(f -> assertThat(f.statistics())
          .allSatisfy(s -> assertThat(s.value() == null ? 0.0 : s.value()).as(f.feature() + " " + s.name()).isZero()));
    } else {
      assertThat(http.features()).as("the sides differ somewhere").anySatisfy(f -> assertThat(f.statistics())
          .anySatisfy(s -> assertThat(s.value()).isNotNull().isNotZero()));
    }
    // What was compared, recorded alike by both
    for (JsonNode stored : List.of(fromHttp, fromCli)) {
      assertThat(stored.get("inputs").get("reference").get("kind").asText()).isEqualTo(kind(reference));
      assertThat(stored.get("inputs").get("current").get("kind").asText()).isEqualTo(kind(current));
      assertThat(stored.get("inputs").get("reference").get("description").asText())
          .isEqualTo(http.reference().description());
      assertThat(stored.get("inputs").get("current").get("rows").asLong()).isEqualTo(http.current().rows());
      for (String role : List.of("reference", "current")) {
        String kind = role.equals("reference") ? reference : current;
        if (!kind.equals("PATH")) {
          assertThat(stored.get("inputs").get(role).get("side").asText()).isEqualTo(side(kind, false));
        }
      }
      if (reference.equals("TRAINING_SET") || current.equals("TRAINING_SET")) {
        assertThat(stored.get("training_set_id").asLong()).isEqualTo(trainingSet);
      } else {
        assertThat(stored.has("training_set_id")).isFalse();
      }
      if (reference.equals("LOG") || current.equals("LOG")) {
        assertThat("log:" + stored.get("range_from").asText() + ".." + stored.get("range_to").asText())
            .isEqualTo(logRange);
      } else {
        assertThat(stored.has("range_from")).isFalse();
      }
    }
    if (current.equals("LOG")) {
      // the request at the range's end is not in it
      assertThat(http.current().rows()).isEqualTo(8);
    }
  }

  private static String side(String kind, boolean cli) {
    return switch (kind) {
      case "TRAINING_SET" -> "training-set:" + trainingSet;
      case "LOG" -> logRange;
      case "PATH" -> cli ? realPath("out/ref.parquet") : "out/ref.parquet";
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static String kind(String side) {
    return switch (side) {
      case "TRAINING_SET" -> "training_set";
      case "LOG" -> "serving_log";
      default -> "parquet";
    };
  }

  private static String realPath(String relative) {
    try {
      return server.repository.resolve(relative).toRealPath().toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode withoutTime(SkewReport report) {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode tree =
          (com.fasterxml.jackson.databind.node.ObjectNode) TestServer.JSON.readTree(SkewReportJson.toJson(report));
      tree.remove("createdAt");
      return tree;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aConsistencyReportJobStoresItsReportAndEachFeaturesMismatchRateBecomesAGauge() {
    JsonNode done = awaitEnd(server.post("/reports/consistency", """
        {"service": "driver_ranking_v1", "sample": 20}""", WRITER));

    assertThat(done.get("kind").asText()).isEqualTo("consistency-report");
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    long id = done.get("result").get("report_id").asLong();
    JsonNode stored = TestServer.json(server.get("/reports/" + id, READER));
    assertThat(stored.get("kind").asText()).isEqualTo("value_consistency");
    JsonNode features = stored.get("report").get("features");
    assertThat(features.size()).isPositive();
    for (JsonNode feature : features) {
      assertThat(gauge(SERVICE, feature.get("feature").asText(), "mismatch_rate"))
          .isEqualTo(feature.get("mismatchRate").asDouble());
    }
    HttpResponse<String> html = server.send(HttpRequest.newBuilder(server.uri("/reports/" + id))
        .header("Accept", "text/html").header("Authorization", "Bearer " + READER).GET().build());
    assertThat(html.body()).startsWith("<!DOCTYPE html>");
  }

  @Test
  void aStoredSkewReportSetsEachFeaturesPsiGauge() {
    long id = awaitEnd(server.post("/reports/skew", skewBody("out/ref.parquet"), WRITER)).get("result").get("report_id").asLong();
    SkewReport report = SkewReportJson.fromJson(TestServer.json(server.get("/reports/" + id, READER)).get("report").toString());

    for (SkewReport.FeatureSkew feature : report.features()) {
      double psi = feature.statistics().stream().filter(s -> s.name().equals("psi")).findFirst().orElseThrow().value();
      assertThat(gauge(SERVICE, feature.feature(), "psi")).isEqualTo(psi);
    }
    assertThat(server.get("/metrics", READER).body()).contains("\nparity_reports_driver_ranking_v1_driver_hourly_stats:conv_rate_psi ");
  }

  @Test
  void readersReadReportsButOnlyWritersStartThemAndAnonymousCallersDoNeither() {
    assertThat(server.post("/reports/skew", skewBody("out/ref.parquet")).statusCode()).isEqualTo(401);
    assertThat(server.post("/reports/skew", skewBody("out/ref.parquet"), READER).statusCode()).isEqualTo(403);
    assertThat(server.post("/reports/consistency", "{\"service\": \"driver_ranking_v1\", \"sample\": 5}", READER)
        .statusCode()).isEqualTo(403);
    assertThat(server.get("/reports?service=" + SERVICE).statusCode()).isEqualTo(401);
    assertThat(server.get("/reports/1").statusCode()).isEqualTo(401);
    assertThat(server.get("/reports?service=" + SERVICE, READER).statusCode()).isEqualTo(200);
  }

  @Test
  void badRequestsAreRefusedBeforeTheyAreQueuedNamingTheField() {
    assertError(server.post("/reports/skew", """
        {"service": "no_such_service", "reference": "out/ref.parquet", "current": "out/ref.parquet"}""", WRITER),
        404, "\"service\": unknown feature service 'no_such_service'");
    assertError(server.post("/reports/consistency", """
        {"service": "driver_ranking_v1", "from": "yesterday", "to": "2026-01-01T00:00:00Z"}""", WRITER),
        400, "from 'yesterday'");
    assertError(server.post("/reports/consistency", """
        {"service": "driver_ranking_v1", "from": "2026-01-02T00:00:00Z", "to": "2026-01-01T00:00:00Z"}""", WRITER),
        400, "\"from\" (2026-01-02T00:00:00Z) must be before \"to\"");
    assertError(server.post("/reports/consistency", """
        {"service": "driver_ranking_v1", "from": "2026-01-01T00:00:00Z", "sample": 3}""", WRITER),
        400, "give either \"from\" and \"to\"");
    assertError(server.post("/reports/skew", skewBody("/etc/passwd"), WRITER), 400, "reference");
    assertError(server.post("/reports/skew", skewBody("training-set:999999"), WRITER), 404,
        "\"reference\" 'training-set:999999': there is no training set 999999");
    assertError(server.post("/reports/skew", skewBody("training-set:first"), WRITER), 400,
        "\"reference\" 'training-set:first': 'first' is not a training set id");
    assertError(server.post("/reports/skew", skewBody("log:2026-01-02T00:00:00Z..2026-01-01T00:00:00Z"), WRITER),
        400, "\"reference\" 'log:2026-01-02T00:00:00Z..2026-01-01T00:00:00Z': the range's start");
    assertError(server.post("/reports/skew", skewBody("log:yesterday..2026-01-01T00:00:00Z"), WRITER), 400,
        "the range's start 'yesterday' is not an ISO-8601 time");
    // no log file for the dates, then files for the date but no request in the range
    assertError(server.post("/reports/skew", skewBody("log:2020-01-01T00:00:00Z..2020-01-02T00:00:00Z"), WRITER),
        400, "\"reference\" 'log:2020-01-01T00:00:00Z..2020-01-02T00:00:00Z': the serving log range "
        + "[2020-01-01T00:00:00Z, 2020-01-02T00:00:00Z) is empty");
    Instant logged = server.now;
    String before = "log:" + logged.minusSeconds(60) + ".." + logged;
    assertError(server.post("/reports/skew", skewBody(before), WRITER), 400, "\"reference\" '" + before
        + "': the serving log range [" + logged.minusSeconds(60) + ", " + logged + ") is empty: no request of the "
        + "serving log at ");
    assertError(server.post("/reports/skew", "{\"service\": \"driver_ranking_v1\", \"reference\": \"out/ref.parquet\"}",
        WRITER), 400, "current");
    assertError(server.get("/reports/999999999", READER), 404, "no report 999999999");
    assertError(server.get("/reports/abc", READER), 404, "no report 'abc'");
    assertError(server.get("/reports?service=nope", READER), 404, "service: unknown feature service 'nope'");
    assertError(server.get("/reports", READER), 400, "service is missing");
    assertError(server.get("/reports?service=" + SERVICE + "&limit=0", READER), 400, "limit");
  }

  private static void assertError(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = TestServer.json(response);
    assertThat(body.get("code").asInt()).isEqualTo(status);
    assertThat(body.get("message").asText()).contains(message);
  }

  private static String skewBody(String reference) {
    return """
        {"service": "driver_ranking_v1", "reference": "%s", "current": "out/ref.parquet"}""".formatted(reference);
  }

  private static double gauge(String service, String feature, String statistic) {
    Gauge<?> gauge = server.environment().metrics().getGauges().get(ReportGauges.name(service, feature, statistic));
    assertThat(gauge).as(ReportGauges.name(service, feature, statistic)).isNotNull();
    return ((Number) gauge.getValue()).doubleValue();
  }

  /** Follows the job a 202 answer started, with long polls, until it ends. */
  private static JsonNode awaitEnd(HttpResponse<String> accepted) {
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = TestServer.json(accepted).get("job_id").asText();
    List<JsonNode> seen = new ArrayList<>();
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      JsonNode job = TestServer.json(server.get("/jobs/" + id + "?wait_seconds=5", READER));
      seen.add(job);
      if (!Set.of("queued", "running").contains(job.get("status").asText())) {
        return job;
      }
    }
    throw new AssertionError("job " + id + " did not end within " + DEADLINE + "; last seen " + seen);
  }

  /** Runs the CLI in-process, as the launcher does; its standard output. */
  private static String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    ParityApplication application = new ParityApplication(Map.of(), Clock.systemUTC(), outStream, errStream);
    Bootstrap<ParityConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    Optional<Throwable> failure = new Cli(new JarLocation(ParityApplication.class), bootstrap, outStream, errStream).run(args);
    assertThat(failure).as(err.toString(StandardCharsets.UTF_8)).isEmpty();
    return out.toString(StandardCharsets.UTF_8);
  }
}
