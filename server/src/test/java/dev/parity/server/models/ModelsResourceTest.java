package dev.parity.server.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parity.online.testing.TestRedis;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.VersionedRef;
import dev.parity.registry.jdbi.RegistryDatabase;
import dev.parity.registry.metadata.TrainingSet;
import dev.parity.server.app.TestServer;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenConfig;
import dev.parity.server.db.RegistryPool;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model registry over HTTP: registration, observations, gated promotions, roles, rollback, errors. */
class ModelsResourceTest {
  private static final String READER = "reader-token-0123456789";
  private static final String WRITER = "writer-token-0123456789";
  private static final String ADMIN = "admin-token-01234567890";

  @TempDir static Path temp;
  static TestServer server;
  static long trainingSet;

  @BeforeAll
  static void start() throws IOException {
    TestServer first = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config ->
        config.getAuth().setTokens(List.of(new TokenConfig(READER, Set.of(Role.READER), "scorer"),
            new TokenConfig(WRITER, Set.of(Role.WRITER), "pipeline"), new TokenConfig(ADMIN, Set.of(Role.ADMIN), "ops"))));
    first.close();
    Files.writeString(first.repository.resolve("drivers.yaml"), """

        models:
          - name: eta
            gates:
              - auc >= 0.80
              - auc >= champion - 0.005
            protected_aliases: [champion]
        """, StandardOpenOption.APPEND);
    server = TestServer.restart(first);
    try (RegistryDatabase database = RegistryDatabase.open(server.definitions.config().registryUrl(),
        server.repository, RegistryPool.unmetered())) {
      trainingSet = database.metadata(Clock.systemUTC()).recordTrainingSet(new TrainingSet(
          server.definitions.config().project(), "sha256:entities", Optional.empty(),
          List.of(new VersionedRef(DefinitionKind.FEATURE_VIEW, "driver_hourly_stats", "a".repeat(64))), 1,
          Optional.of(Instant.parse("2026-01-01T00:00:00Z")), "out/ts.parquet", 42,
          JsonNodeFactory.instance.objectNode())).id();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> register(String model, String version, double auc) {
    return server.post("/models/" + model + "/versions", """
        {"version": "%s", "training_set_id": %d, "artifact_uri": "s3://models/%s/%s", "metrics": {"auc": %s}}"""
        .formatted(version, trainingSet, model, version, auc), WRITER);
  }

  @Test
  void gatesDecidePromotionsAndProtectedAliasesNeedAnAdmin() {
    assertThat(register("eta", "1", 0.79).statusCode()).isEqualTo(201);
    assertThat(register("eta", "2", 0.85).statusCode()).isEqualTo(201);
    assertThat(register("eta", "3", 0.84).statusCode()).isEqualTo(201);

    HttpResponse<String> refused = server.post("/models/eta/aliases/champion", "{\"version\": \"1\"}", ADMIN);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    JsonNode body = TestServer.json(refused);
    assertThat(body.get("code").asInt()).isEqualTo(409);
    assertThat(body.get("failed_gates")).hasSize(1);
    assertThat(body.get("failed_gates").get(0).get("gate").asText()).isEqualTo("auc >= 0.8");

    HttpResponse<String> forbidden = server.post("/models/eta/aliases/champion", "{\"version\": \"2\"}", WRITER);
    assertThat(forbidden.statusCode()).as(forbidden.body()).isEqualTo(403);
    assertThat(TestServer.json(forbidden).get("message").asText()).contains("only an admin token");

    HttpResponse<String> accepted = server.post("/models/eta/aliases/champion", "{\"version\": \"2\"}", ADMIN);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    JsonNode decision = TestServer.json(accepted);
    assertThat(decision.get("accepted").asBoolean()).isTrue();
    assertThat(decision.get("principal").asText()).isEqualTo("ops");
    assertThat(decision.get("gates").get(1).get("detail").asText()).startsWith("no baseline");

    // An unprotected alias: a writer may move it; 0.84 is more than 0.005 under the champion.
    HttpResponse<String> challenger = server.post("/models/eta/aliases/challenger", "{\"version\": \"3\"}", WRITER);
    assertThat(challenger.statusCode()).as(challenger.body()).isEqualTo(409);
    assertThat(TestServer.json(challenger).get("failed_gates").get(0).get("gate").asText())
        .isEqualTo("auc >= champion - 0.005");

    // Production observations arrive for 3; the latest observed value is what gates read, and an
    // observation dated before registration is kept but does not override later ones.
    HttpResponse<String> observed = server.post("/models/eta/versions/3/metrics",
        "{\"metrics\": {\"auc\": 0.86}}", WRITER);
    assertThat(observed.statusCode()).as(observed.body()).isEqualTo(200);
    HttpResponse<String> older = server.post("/models/eta/versions/3/metrics",
        "{\"observed_at\": \"2026-02-01T00:00:00Z\", \"metrics\": {\"auc\": 0.5}}", WRITER);
    assertThat(TestServer.json(older).get("observations")).hasSize(3);
    assertThat(TestServer.json(older).get("observations").get(0).get("observed_at").asText()).startsWith("2026-02-01");
    assertThat(TestServer.json(older).get("metrics").get("auc").asDouble()).isEqualTo(0.86);
    assertThat(server.post("/models/eta/aliases/champion", "{\"version\": \"3\"}", ADMIN).statusCode())
        .isEqualTo(200);

    assertThat(server.post("/models/eta/aliases/champion/rollback", "", WRITER).statusCode()).isEqualTo(403);
    HttpResponse<String> back = server.post("/models/eta/aliases/champion/rollback", "", ADMIN);
    assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    assertThat(TestServer.json(back).get("version").asText()).isEqualTo("2");

    JsonNode model = TestServer.json(server.get("/models/eta", READER));
    assertThat(model.get("aliases").get("champion").asText()).isEqualTo("2");
    assertThat(model.get("gates")).hasSize(2);
    assertThat(model.get("decisions")).extracting(d -> d.get("action").asText() + ":" + d.get("version").asText()
        + ":" + d.get("accepted").asBoolean()).containsExactly("promote:1:false", "promote:2:true",
        "promote:3:false", "promote:3:true", "rollback:2:true");

    JsonNode compared = TestServer.json(server.get("/models/eta/compare?versions=3,2", READER));
    assertThat(compared).extracting(v -> v.get("version").asText()).containsExactly("3", "2");
    assertThat(compared.get(0).get("metrics").get("auc").asDouble()).isEqualTo(0.86);
    assertThat(compared.get(0).get("training_set").get("id").asLong()).isEqualTo(trainingSet);
    assertThat(compared.get(0).get("training_set").get("as_of_created").asText()).startsWith("2026-01-01");
  }

  @Test
  void everyErrorIsAClear4xxNamingWhatIsWrong() {
    assertThat(register("churn", "1", 0.9).statusCode()).isEqualTo(201);
    expect(server.post("/models/churn/versions", "{\"version\": \"1\", \"training_set_id\": " + trainingSet + "}",
        WRITER), 409, "already registered");
    expect(server.post("/models/churn/versions", "{\"version\": \"2\", \"training_set_id\": 999999}", WRITER), 404,
        "training set 999999 does not exist");
    expect(server.post("/models/churn/versions", "{\"training_set_id\": 1}", WRITER), 400, "'version' is missing");
    expect(server.post("/models/churn/versions", "{\"version\": \"2\"}", WRITER), 400, "'training_set_id'");
    expect(server.post("/models/churn/versions", "", WRITER), 400, "body is missing");
    expect(server.post("/models/churn/versions", "{\"version\": \"2\", \"training_set_id\": " + trainingSet
        + ", \"metrics\": {\"auc\": \"high\"}}", WRITER), 400, "");
    expect(server.post("/models/churn/versions", "{\"version\": \"2\"}", READER), 403, "");
    expect(server.post("/models/churn/versions/9/metrics", "{\"metrics\": {\"auc\": 1}}", WRITER), 404,
        "model churn has no version 9");
    expect(server.post("/models/churn/versions/1/metrics", "{\"metrics\": {}}", WRITER), 400, "'metrics'");
    expect(server.post("/models/nope/aliases/challenger", "{\"version\": \"1\"}", WRITER), 404,
        "model nope is not registered");
    expect(server.post("/models/churn/aliases/challenger", "{\"version\": \"7\"}", WRITER), 404, "no version 7");
    expect(server.post("/models/churn/aliases/Bad", "{\"version\": \"1\"}", WRITER), 400, "invalid alias 'Bad'");
    expect(server.post("/models/churn/aliases/challenger", "{}", WRITER), 400, "'version' is missing");
    expect(server.post("/models/churn/aliases/challenger/rollback", "", WRITER), 404, "holds alias 'challenger'");
    assertThat(server.post("/models/churn/aliases/challenger", "{\"version\": \"1\"}", WRITER).statusCode())
        .isEqualTo(200);
    expect(server.post("/models/churn/aliases/challenger/rollback", "", WRITER), 409, "no previous holder");
    expect(server.get("/models/nope", READER), 404, "model nope is not registered");
    expect(server.get("/models/churn/compare?versions=1,8", READER), 404, "has no version 8");
  }

  @Test
  void oneVersionRegisteredConcurrentlyIsCreatedOnceAndEveryOtherCallGetsA409NamingIt() throws Exception {
    int callers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CyclicBarrier start = new CyclicBarrier(callers);
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        calls.add(() -> {
          start.await();
          return register("race", "1", 0.9);
        });
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<HttpResponse<String>> call : pool.invokeAll(calls)) {
        HttpResponse<String> response = call.get();
        statuses.add(response.statusCode());
        if (response.statusCode() != 201) {
          expect(response, 409, "model race version 1 is already registered");
        }
      }
      assertThat(statuses).containsOnlyOnce(201);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void expect(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = TestServer.json(response);
    assertThat(body.get("code").asInt()).isEqualTo(status);
    assertThat(body.get("message").asText()).contains(message);
  }
}
