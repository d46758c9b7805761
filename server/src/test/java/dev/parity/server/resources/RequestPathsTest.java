package dev.parity.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths named in requests (issue 21): a writer token may name files inside the feature repository,
 * its offline path and the configured {@code paths.allowed} only, and learns nothing about files
 * elsewhere. Layout: {@code temp/drivers} the repository, {@code temp/outside} a directory next to
 * it, {@code temp/shared} an allowed extra directory.
 */
class RequestPathsTest {
  private static final String WRITER = "writer-token-0123456789";
  private static final String OUTSIDE = "is outside the allowed directories";
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @TempDir static Path temp;
  static TestServer server;
  static Path outside;
  static Path shared;

  @BeforeAll
  static void start() throws IOException {
    outside = Files.createDirectories(temp.resolve("outside"));
    shared = Files.createDirectories(temp.resolve("shared"));
    server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> {
      config.getAuth().setTokens(List.of(new TokenConfig(WRITER, Set.of(Role.WRITER), "etl")));
      config.getPaths().setAllowed(List.of(shared.toString()));
    });
    // A table anyone outside might hold, a real entity table so that only confinement refuses it.
    Files.copy(entities(), outside.resolve("entities.parquet"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAbsoluteOutputOutsideIsRefusedAndNothingIsWritten() throws IOException {
    Path victim = Files.writeString(outside.resolve("victim.parquet"), "precious");

    HttpResponse<String> existing = trainingSet("data/entities.parquet", victim.toString());
    HttpResponse<String> missing = trainingSet("data/entities.parquet", outside.resolve("new.parquet").toString());

    assertRefused(existing, "output");
    assertRefused(missing, "output");
    assertThat(Files.readString(victim)).isEqualTo("precious");
    assertThat(outside.resolve("new.parquet")).doesNotExist();
  }

  @Test
  void dotDotEscapesAreRefused() {
    assertRefused(trainingSet("data/entities.parquet", "../outside/escaped.parquet"), "output");
    assertRefused(trainingSet("data/entities.parquet", "out/../../outside/escaped.parquet"), "output");
    assertRefused(trainingSet("../outside/entities.parquet", "out/x.parquet"), "entities");
    assertThat(outside.resolve("escaped.parquet")).doesNotExist();
  }

  @Test
  void aSymbolicLinkInsideTheRepositoryPointingOutsideIsRefused() throws IOException {
    Files.createSymbolicLink(server.repository.resolve("linked"), outside);
    Files.createSymbolicLink(server.repository.resolve("data/linked-entities.parquet"), outside.resolve("entities.parquet"));
    Path table = Files.createDirectories(server.repository.resolve("data/mixed"));
    Files.copy(entities(), table.resolve("part-0.parquet"));
    Files.createSymbolicLink(table.resolve("part-1.parquet"), outside.resolve("entities.parquet"));
    Files.writeString(outside.resolve("linked-victim.parquet"), "precious");
    Files.createSymbolicLink(server.repository.resolve("out-link.parquet"), outside.resolve("linked-victim.parquet"));

    assertRefused(trainingSet("data/entities.parquet", "linked/via-directory.parquet"), "output");
    assertRefused(trainingSet("data/entities.parquet", "out-link.parquet"), "output");
    assertRefused(trainingSet("linked/entities.parquet", "out/x.parquet"), "entities");
    assertRefused(trainingSet("data/linked-entities.parquet", "out/x.parquet"), "entities");
    assertRefused(trainingSet("data/mixed", "out/x.parquet"), "entities");
    assertThat(outside.resolve("via-directory.parquet")).doesNotExist();
    assertThat(Files.readString(outside.resolve("linked-victim.parquet"))).isEqualTo("precious");
  }

  @Test
  void anOutputThatIsNotParquetIsRefused() {
    HttpResponse<String> response = trainingSet("data/entities.parquet", "out/training.csv");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(message(response)).contains("\"output\" 'out/training.csv' must name a .parquet file");
    // Outside, the suffix is refused before anything is resolved: nothing is said about the place.
    assertThat(message(trainingSet("data/entities.parquet", outside.resolve("victim.txt").toString())))
        .contains("must name a .parquet file").doesNotContain("exist");
  }

  @Test
  void aPathThatIsNotAJsonStringIsRefusedNamingTheField() throws IOException {
    HttpResponse<String> number = server.post("/jobs/training-set", """
        {"feature_service": "driver_ranking_v1", "entities": "data/entities.parquet", "output": 42}""", WRITER);
    HttpResponse<String> object = server.post("/jobs/training-set", """
        {"feature_service": "driver_ranking_v1", "entities": {"path": "/etc/passwd"}, "output": "out/x.parquet"}""",
        WRITER);

    assertThat(number.statusCode()).as(number.body()).isEqualTo(400);
    assertThat(message(number)).contains("at output").contains("expected a file path as a JSON string, got a number");
    assertThat(object.statusCode()).as(object.body()).isEqualTo(400);
    assertThat(message(object)).contains("at entities").contains("got an object");
    try (Stream<Path> files = Files.list(server.repository)) {
      assertThat(files.map(f -> f.getFileName().toString())).doesNotContain("42");
    }
  }

  @Test
  void anEntityTableOutsideGetsTheSameAnswerWhetherItExistsOrNot() throws IOException {
    Path secret = Files.writeString(outside.resolve("secret.parquet"), "not parquet: its last bytes would show");
    Path absent = outside.resolve("absent.parquet");
    Files.createSymbolicLink(server.repository.resolve("to-secret.parquet"), secret);
    Files.createSymbolicLink(server.repository.resolve("to-absent.parquet"), absent);

    String existing = message(trainingSet(secret.toString(), "out/x.parquet"));
    String missing = message(trainingSet(absent.toString(), "out/x.parquet"));
    String linkedExisting = message(trainingSet("to-secret.parquet", "out/x.parquet"));
    String linkedMissing = message(trainingSet("to-absent.parquet", "out/x.parquet"));

    assertThat(existing).contains(OUTSIDE).doesNotContain("would show");
    assertThat(existing.replace(secret.toString(), "P")).isEqualTo(missing.replace(absent.toString(), "P"));
    assertThat(linkedExisting).contains(OUTSIDE).doesNotContain(outside.toString());
    assertThat(linkedExisting.replace("to-secret", "P")).isEqualTo(linkedMissing.replace("to-absent", "P"));
  }

  @Test
  void aDirectoryOfPathsAllowedMayBeReadAndWritten() throws IOException {
    Files.copy(entities(), shared.resolve("entities.parquet"));
    Path output = shared.resolve("sets/training.parquet");

    HttpResponse<String> accepted = trainingSet(shared.resolve("entities.parquet").toString(), output.toString());

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    JsonNode done = awaitEnd(TestServer.json(accepted).get("job_id").asText());
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(Path.of(done.get("result").get("path").asText())).isEqualTo(output.toRealPath());
    assertThat(output).isNotEmptyFile();
  }

  private static HttpResponse<String> trainingSet(String entities, String output) {
    return server.post("/jobs/training-set", """
        {"feature_service": "driver_ranking_v1", "entities": %s, "output": %s}"""
        .formatted(TestServer.JSON.valueToTree(entities), TestServer.JSON.valueToTree(output)), WRITER);
  }

  private static void assertRefused(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(TestServer.json(response).get("code").asInt()).isEqualTo(400);
    assertThat(message(response)).startsWith("\"" + field + "\" '").contains(OUTSIDE);
  }

  private static String message(HttpResponse<String> response) {
    return TestServer.json(response).get("message").asText();
  }

  private static Path entities() {
    return server.repository.resolve("data/entities.parquet");
  }

  private static JsonNode awaitEnd(String id) {
    Instant deadline = Instant.now().plus(DEADLINE);
    JsonNode job = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response = server.get("/jobs/" + id + "?wait_seconds=5", WRITER);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      job = TestServer.json(response);
      if (!Set.of("queued", "running").contains(job.get("status").asText())) {
        return job;
      }
    }
    throw new AssertionError("job " + id + " did not end within " + DEADLINE + "; last seen " + job);
  }
}
