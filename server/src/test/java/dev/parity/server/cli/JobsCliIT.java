package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.testing.PackagedJar;
import dev.parity.server.testing.PackagedJar.Run;
import dev.parity.server.testing.SampleRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code materialize}, {@code training-set}, {@code get-online} and {@code server} as processes of the shaded jar,
 * on one applied copy of the sample repository with the test Redis ({@code PARITY_REDIS_URL}) and
 * a project of its own. Few launches: one happy path and one error per command.
 */
@Tag("packaged")
class JobsCliIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final String T = "2026-01-31T00:00:00Z";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The registry of the repository's parity.yaml, the test Redis. */
  private static final Consumer<Map<String, String>> ENVIRONMENT = environment -> {
    environment.remove(RepositoryConfig.REGISTRY_URL_ENV);
    environment.put(RepositoryConfig.REDIS_URL_ENV, TestRedis.standaloneUrl());
  };

  @TempDir static Path temp;
  private static Path repo;

  @BeforeAll
  static void applyTheSampleRepository() {
    repo = SampleRepository.create(temp.resolve("drivers"));
    SampleRepository.edit(repo, "parity.yaml", "project: default", "project: jobs_cli_" + ProcessHandle.current().pid());
    assertThat(parity("apply", "-r", repo.toString()).exitCode()).isZero();
  }

  @Test
  void materializesThenServesTheValuesAsFeastJson() throws IOException {
    Run materialize = parity("materialize", "-r", repo.toString(), "--start", "2025-12-01T00:00:00Z", "--end", T);

    assertThat(materialize.exitCode()).as(materialize.err()).isZero();
    assertThat(materialize.out()).contains("driver_activity [2025-12-01T00:00:00Z, " + T + "]: ")
        .endsWith(" online rows written.\n");
    assertThat(materialize.err().lines()).allMatch(line -> line.startsWith("materialize: "));

    Run lookup = parity("get-online", "-r", repo.toString(), "--features",
        "driver_activity:trips_7d,driver_activity:max_fare_1d", "--entity", "driver_id=1001", "--entity", "driver_id=1002");

    assertThat(lookup.exitCode()).as(lookup.err()).isZero();
    assertThat(lookup.err()).isEmpty();
    JsonNode json = JSON.readTree(lookup.out());
    assertThat(json.at("/metadata/feature_names").toString()).isEqualTo("[\"driver_id\",\"trips_7d\",\"max_fare_1d\"]");
    assertThat(json.at("/results/0/values").toString()).isEqualTo("[1001,1002]");
    assertThat(json.at("/results/0/event_timestamps").toString())
        .isEqualTo("[\"1970-01-01T00:00:00Z\",\"1970-01-01T00:00:00Z\"]");
    JsonNode trips = json.at("/results/1");
    assertThat(trips.get("statuses").toString()).isEqualTo("[\"PRESENT\",\"PRESENT\"]");
    assertThat(trips.get("values")).allSatisfy(v -> assertThat(v.isIntegralNumber()).isTrue());
    assertThat(trips.get("event_timestamps")).allSatisfy(t -> assertThat(t.asText()).matches("2026-01-\\d\\dT.*Z"));
  }

  @Test
  void theServerCommandServesLookupsAndMetricsAndStopsOnSigterm() throws Exception {
    int port = PackagedJar.freePort();
    int adminPort = PackagedJar.freePort();
    Path log = temp.resolve("server.log");
    ProcessBuilder builder = new ProcessBuilder(PackagedJar.command("server", "-r", repo.toString(), "--port",
        Integer.toString(port), "--admin-port", Integer.toString(adminPort)))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    ENVIRONMENT.accept(builder.environment());
    Process server = builder.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health = null;
      for (long deadline = System.nanoTime() + TIMEOUT.toNanos();
          System.nanoTime() < deadline && server.isAlive(); Thread.sleep(200)) {
        try {
          health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck")).build(),
              HttpResponse.BodyHandlers.ofString());
          break;
        } catch (IOException notYetListening) {
          // starting
        }
      }
      assertThat(health).as("the server did not answer; its log:%n%s", Files.readString(log)).isNotNull();
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);

      HttpResponse<String> lookup = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/get-online-features"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"features\": [\"driver_activity:trips_7d\"], \"entities\": {\"driver_id\": [1001, 99999]}}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);
      JsonNode json = JSON.readTree(lookup.body());
      assertThat(json.at("/metadata/feature_names").toString()).isEqualTo("[\"driver_id\",\"trips_7d\"]");
      assertThat(json.at("/results/0/values").toString()).isEqualTo("[1001,99999]");
      assertThat(json.at("/results/1/values")).hasSize(2);
      String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("parity_http_get_online_features_seconds_count 1\n");
    } finally {
      server.destroy();
    }
    assertThat(server.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    assertThat(Files.readString(log)).doesNotContain("ERROR [");
  }

  @Test
  void buildsAndRecordsATrainingSet() {
    Path out = temp.resolve("training.parquet");

    Run run = parity("training-set", "-r", repo.toString(), "--service", "driver_ranking_v1", "--entities",
        repo.resolve("data/entities.parquet").toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).matches("Training set \\d+: 2000 rows, \\d+ columns written to " + out
        + " \\(feature service driver_ranking_v1, registry revision 1\\)\\.\n");
    assertThat(out).isRegularFile();
    assertThat(run.err().lines()).allMatch(line -> line.startsWith("training-set: "));
    // The log's last progress line has the rows written; no line claims none were.
    assertThat(run.err()).endsWith(", 2,000 rows out\n").doesNotContain(" 0 rows out");
  }

  @Test
  void failsWithOneLinePerCommandError() {
    Run materialize = parity("materialize", "-r", repo.toString(), "--start", "2026-02-01T00:00:00Z", "--end", T);
    Run trainingSet = parity("training-set", "-r", repo.toString(), "--service", "no_such_service", "--entities",
        repo.resolve("data/entities.parquet").toString(), "--out", temp.resolve("never.parquet").toString());
    Run lookup = parity("get-online", "-r", repo.toString(), "--features", "driver_activity:no_such_feature",
        "--entity", "driver_id=1001");

    assertThat(materialize).isEqualTo(new Run(1, "",
        "parity materialize: materialization start 2026-02-01T00:00:00Z is after its end " + T + "\n"));
    assertThat(trainingSet.exitCode()).isEqualTo(1);
    assertThat(trainingSet.err()).startsWith("parity training-set: ").contains("no_such_service").hasLineCount(1);
    assertThat(temp.resolve("never.parquet")).doesNotExist();
    assertThat(lookup.exitCode()).isEqualTo(1);
    assertThat(lookup.out()).isEmpty();
    assertThat(lookup.err()).startsWith("parity get-online: ").contains("no_such_feature").hasLineCount(1);
  }

  private static Run parity(String... args) {
    return PackagedJar.run(PackagedJar.command(args), ENVIRONMENT, TIMEOUT, temp);
  }
}
