package dev.parity.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.online.testing.TestRedis;
import dev.parity.registry.jdbi.RegistryDatabase;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.TrainingSet;
import dev.parity.server.app.TestServer;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenConfig;
import dev.parity.server.db.RegistryPool;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs over HTTP: started with 202, followed to their end, listed; their records in the metadata store. */
class JobsResourceTest {
  private static final String READER = "reader-token-0123456789";
  private static final String WRITER = "writer-token-0123456789";
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @TempDir static Path temp;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> config.getAuth().setTokens(
        List.of(new TokenConfig(READER, Set.of(Role.READER), "scorer"), new TokenConfig(WRITER, Set.of(Role.WRITER), "etl"))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void trainingSetJobBuildsTheSetRecordsItAndReportsItsProgress() throws Exception {
    // The sample repository's entity table: Parquet, so validation runs up to its latest time.
    List<Long> drivers = driverIds(server.repository.resolve("data/entities.parquet"));

    HttpResponse<String> accepted = server.post("/jobs/training-set", """
        {"feature_service": "driver_ranking_v1", "entities": "data/entities.parquet", "output": "out/ts.parquet"}""", WRITER);

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    JsonNode job = TestServer.json(accepted);
    String id = job.get("job_id").asText();
    assertThat(job.get("location").asText()).isEqualTo("/jobs/" + id);
    assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/jobs/" + id));
    assertThat(job.get("kind").asText()).isEqualTo("training-set");
    assertThat(job.get("status").asText()).isIn("queued", "running", "succeeded");

    List<JsonNode> seen = new ArrayList<>();
    JsonNode done = awaitEnd(id, seen);

    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.has("error")).isFalse();
    assertThat(Instant.parse(done.get("finished_at").asText())).isAfterOrEqualTo(Instant.parse(done.get("started_at").asText()));
    JsonNode result = done.get("result");
    Path output = server.repository.resolve("out/ts.parquet");
    assertThat(Path.of(result.get("path").asText())).isEqualTo(output);
    assertThat(result.get("rows").asLong()).isEqualTo(drivers.size());
    assertThat(result.get("feature_service").asText()).isEqualTo("driver_ranking_v1");
    assertThat(driverIds(output)).containsExactlyElementsOf(drivers);
    JsonNode progress = done.get("progress");
    assertThat(progress.get("partitions_total").asInt()).isPositive();
    assertThat(progress.get("partitions_done").asInt()).isEqualTo(progress.get("partitions_total").asInt());
    assertThat(progress.get("fraction").asDouble()).isEqualTo(1.0);
    assertThat(progress.get("rows_read").asLong()).isGreaterThanOrEqualTo(drivers.size());
    assertThat(progress.get("rows_written").asLong()).isEqualTo(drivers.size());
    // Never going backwards while it ran.
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).get("progress").get("rows_read").asLong())
          .isGreaterThanOrEqualTo(seen.get(i - 1).get("progress").get("rows_read").asLong());
    }

    try (RegistryDatabase database = RegistryDatabase.open(server.definitions.config().registryUrl(), server.repository,
        RegistryPool.unmetered())) {
      MetadataStore metadata = database.metadata(Clock.systemUTC());
      Optional<Recorded<TrainingSet>> recorded = metadata.trainingSet(result.get("training_set_id").asLong());
      assertThat(recorded).isPresent();
      assertThat(recorded.get().value().outputPath()).isEqualTo(output.toString());
      assertThat(recorded.get().value().rowCount()).isEqualTo(drivers.size());
      assertThat(recorded.get().value().project()).isEqualTo(server.definitions.config().project());
    }
  }

  @Test
  void materializationJobWritesOnlineAndItsRunIsTheOneRecorded() {
    String end = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    HttpResponse<String> accepted = server.post("/jobs/materialize", """
        {"start_ts": "2000-01-01T00:00:00Z", "end_ts": "%s", "feature_views": ["customer_profile"]}""".formatted(end),
        WRITER);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    JsonNode done = awaitEnd(TestServer.json(accepted).get("job_id").asText(), new ArrayList<>());

    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    JsonNode view = done.get("result").get("views").get(0);
    assertThat(view.get("view").asText()).isEqualTo("customer_profile");
    assertThat(view.get("entities").asLong()).isPositive();
    assertThat(done.get("progress").get("current_view").asText()).isEqualTo("customer_profile");
    JsonNode runs = TestServer.json(server.get("/runs?kind=materialization", READER));
    JsonNode run = null;
    for (JsonNode r : runs) {
      if (r.get("id").asLong() == view.get("run_id").asLong()) {
        run = r;
      }
    }
    assertThat(run).as(runs.toString()).isNotNull();
    assertThat(run.get("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void jobWithAMissingEntityTableFailsWithTheErrorTheSynchronousPathWouldGive() {
    HttpResponse<String> accepted = server.post("/jobs/training-set", """
        {"features": ["driver_activity:trips_7d"], "entities": "no/such/entities.parquet", "output": "out/never.parquet"}""",
        WRITER);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    JsonNode done = awaitEnd(TestServer.json(accepted).get("job_id").asText(), new ArrayList<>());

    assertThat(done.get("status").asText()).isEqualTo("failed");
    assertThat(done.get("error").get("code").asInt()).isEqualTo(400);
    assertThat(done.get("error").get("message").asText()).contains("no/such/entities.parquet");
    assertThat(done.has("result")).isFalse();
    assertThat(server.repository.resolve("out/never.parquet")).doesNotExist();
  }

  @Test
  void aCorruptEntityTableFailsTheJobAsBadDataNamingTheFileNotAsAParquetInternalError() throws IOException {
    Path corrupt = server.repository.resolve("data/corrupt-entities.parquet");
    Files.copy(server.repository.resolve("data/entities.parquet"), corrupt);
    try (FileChannel channel = FileChannel.open(corrupt, StandardOpenOption.WRITE)) {
      // Right after the leading magic number: the first page header of the first column chunk.
      channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xfe, 0x13, 0x77}), 4);
    }
    HttpResponse<String> accepted = server.post("/jobs/training-set", """
        {"feature_service": "driver_ranking_v1", "entities": "data/corrupt-entities.parquet", "output": "out/never.parquet"}""",
        WRITER);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    JsonNode done = awaitEnd(TestServer.json(accepted).get("job_id").asText(), new ArrayList<>());

    assertThat(done.get("status").asText()).isEqualTo("failed");
    assertThat(done.get("error").get("code").asInt()).isEqualTo(400);
    assertThat(done.get("error").get("message").asText())
        .startsWith(corrupt + ": corrupt Parquet file (column '")
        .endsWith(", row group 1 of 1): a page header cannot be decoded");
    assertThat(server.repository.resolve("out/never.parquet")).doesNotExist();
  }

  @Test
  void badRequestsAreRefusedBeforeTheyAreQueued() {
    HttpResponse<String> badTime = server.post("/jobs/materialize", """
        {"start_ts": "yesterday", "end_ts": "2026-01-01T00:00:00Z"}""", WRITER);
    assertThat(badTime.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(badTime).get("message").asText()).contains("start_ts 'yesterday'");

    HttpResponse<String> both = server.post("/jobs/training-set", """
        {"feature_service": "driver_ranking_v1", "features": ["driver_hourly_stats:conv_rate"],
         "entities": "e.csv", "output": "o.parquet"}""", WRITER);
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(both).get("message").asText()).contains("either \"feature_service\"");

    HttpResponse<String> noOutput = server.post("/jobs/training-set", """
        {"features": ["driver_hourly_stats:conv_rate"], "entities": "e.csv"}""", WRITER);
    assertThat(noOutput.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(noOutput).get("message").asText()).contains("\"output\" is missing");

    assertThat(server.post("/jobs/materialize-incremental", "{}", WRITER).statusCode()).isEqualTo(400);
    assertThat(server.get("/jobs/1-000000?wait_seconds=31", READER).statusCode()).isEqualTo(400);
  }

  @Test
  void materializationsTheSynchronousPathRefusesAreRefusedBeforeTheyAreQueuedWithItsAnswer() {
    String startAfterEnd = """
        {"start_ts": "2026-01-31T00:00:00Z", "end_ts": "2026-01-01T00:00:00Z"}""";
    String unknownView = """
        {"start_ts": "2026-01-01T00:00:00Z", "end_ts": "2026-01-31T00:00:00Z", "feature_views": ["driver_hourly_stat"]}""";
    // An on-demand view is no feature view to materialize.
    String notMaterializable = """
        {"start_ts": "2026-01-01T00:00:00Z", "end_ts": "2026-01-31T00:00:00Z", "feature_views": ["driver_adjusted"]}""";
    List<List<String>> refused = List.of(List.of("/materialize", startAfterEnd), List.of("/materialize", unknownView),
        List.of("/materialize", notMaterializable), List.of("/materialize-incremental", unknownView),
        List.of("/materialize-incremental", notMaterializable));
    int jobsBefore = TestServer.json(server.get("/jobs", READER)).size();

    for (List<String> request : refused) {
      HttpResponse<String> job = server.post("/jobs" + request.get(0), request.get(1), WRITER);
      HttpResponse<String> synchronous = server.post(request.get(0), request.get(1), WRITER);

      assertThat(job.statusCode()).as("%s %s: %s", request.get(0), request.get(1), job.body()).isEqualTo(400);
      assertThat(TestServer.json(job)).isEqualTo(TestServer.json(synchronous));
    }
    assertThat(TestServer.json(server.post("/jobs/materialize", startAfterEnd, WRITER)).get("message").asText())
        .isEqualTo("materialization start 2026-01-31T00:00:00Z is after its end 2026-01-01T00:00:00Z");
    assertThat(TestServer.json(server.post("/jobs/materialize", unknownView, WRITER)).get("message").asText())
        .isEqualTo("unknown feature view 'driver_hourly_stat' (did you mean 'driver_hourly_stats'?)");
    assertThat(TestServer.json(server.get("/jobs", READER)).size()).as("jobs queued").isEqualTo(jobsBefore);
  }

  @Test
  void trainingSetsWithAnUnknownServiceViewOrFeatureAre404BeforeTheyAreQueued() {
    int jobsBefore = TestServer.json(server.get("/jobs", READER)).size();

    HttpResponse<String> service = server.post("/jobs/training-set", """
        {"feature_service": "driver_ranking_v2", "entities": "data/entities.parquet", "output": "out/never.parquet"}""",
        WRITER);
    HttpResponse<String> view = server.post("/jobs/training-set", """
        {"features": ["driver_hourly:conv_rate"], "entities": "data/entities.parquet", "output": "out/never.parquet"}""",
        WRITER);
    HttpResponse<String> feature = server.post("/jobs/training-set", """
        {"features": ["driver_hourly_stats:conv"], "entities": "data/entities.parquet", "output": "out/never.parquet"}""",
        WRITER);

    assertThat(service.statusCode()).as(service.body()).isEqualTo(404);
    assertThat(TestServer.json(service).get("message").asText())
        .isEqualTo("unknown feature service 'driver_ranking_v2' (did you mean 'driver_ranking_v1'?)");
    assertThat(view.statusCode()).as(view.body()).isEqualTo(404);
    assertThat(TestServer.json(view).get("message").asText()).startsWith("unknown feature view 'driver_hourly'");
    assertThat(feature.statusCode()).as(feature.body()).isEqualTo(404);
    assertThat(TestServer.json(feature).get("message").asText())
        .startsWith("feature view 'driver_hourly_stats' has no feature 'conv'");
    assertThat(TestServer.json(server.get("/jobs", READER)).size()).as("jobs queued").isEqualTo(jobsBefore);
    assertThat(server.repository.resolve("out/never.parquet")).doesNotExist();
  }

  @Test
  void unknownJobIs404() {
    HttpResponse<String> response = server.get("/jobs/42-abcdef", READER);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(TestServer.json(response).get("code").asInt()).isEqualTo(404);
    assertThat(TestServer.json(response).get("message").asText()).contains("unknown job '42-abcdef'");
  }

  @Test
  void listsJobsNewestFirst() {
    String body = """
        {"features": ["driver_hourly_stats:conv_rate"], "entities": "missing-%d.csv", "output": "out/x.parquet"}""";
    String first = TestServer.json(server.post("/jobs/training-set", body.formatted(1), WRITER)).get("job_id").asText();
    String second = TestServer.json(server.post("/jobs/training-set", body.formatted(2), WRITER)).get("job_id").asText();

    List<String> ids = new ArrayList<>();
    TestServer.json(server.get("/jobs", READER)).forEach(j -> ids.add(j.get("job_id").asText()));

    assertThat(ids).contains(first, second);
    assertThat(ids.indexOf(second)).isLessThan(ids.indexOf(first));
  }

  @Test
  void writersStartJobsReadersFollowThemAndAnonymousCallersDoNeither() {
    String body = """
        {"end_ts": "2000-01-01T00:00:00Z", "feature_views": ["customer_profile"]}""";
    assertThat(server.post("/jobs/materialize-incremental", body).statusCode()).isEqualTo(401);
    assertThat(server.post("/jobs/materialize-incremental", body, READER).statusCode()).isEqualTo(403);
    assertThat(server.post("/jobs/materialize", body, READER).statusCode()).isEqualTo(403);
    assertThat(server.post("/jobs/training-set", "{}", READER).statusCode()).isEqualTo(403);
    HttpResponse<String> accepted = server.post("/jobs/materialize-incremental", body, WRITER);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String location = TestServer.json(accepted).get("location").asText();

    assertThat(server.get(location).statusCode()).isEqualTo(401);
    assertThat(server.get("/jobs").statusCode()).isEqualTo(401);
    assertThat(server.get(location, READER).statusCode()).isEqualTo(200);
    assertThat(server.get("/jobs", READER).statusCode()).isEqualTo(200);
    assertThat(server.get(location, WRITER).statusCode()).isEqualTo(200);
  }

  /** Follows the job with long polls until it ends, collecting what each poll saw. */
  private static JsonNode awaitEnd(String id, List<JsonNode> seen) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response = server.get("/jobs/" + id + "?wait_seconds=5", READER);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode job = TestServer.json(response);
      seen.add(job);
      if (!Set.of("queued", "running").contains(job.get("status").asText())) {
        return job;
      }
    }
    throw new AssertionError("job " + id + " did not end within " + DEADLINE + "; last seen " + seen.get(seen.size() - 1));
  }

  /** The driver ids of a Parquet file in file order, read by DuckDB. */
  private static List<Long> driverIds(Path file) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement();
        ResultSet rows = statement.executeQuery("SELECT driver_id FROM read_parquet('"
            + file.toString().replace("'", "''") + "')")) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }
}
