package dev.parity.server.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenConfig;
import dev.parity.server.testing.InProcessCli;
import dev.parity.server.testing.InProcessCli.Result;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /triggers/{name}/fire}, {@code GET /triggers}, {@code GET /runs} and the CLI commands. */
class TriggersEndpointsTest {
  private static final String READER = "reader-token-0123456789";
  private static final String WRITER = "writer-token-0123456789";
  private static final String ADMIN = "admin-token-01234567890";

  @TempDir Path temp;

  @Test
  void anAdminFiresATriggerOverHttpAndTheRunIsListedWithItsSteps() throws IOException {
    TestServer first = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> {
      config.getAuth().setTokens(List.of(new TokenConfig(READER, Set.of(Role.READER), "scorer"),
          new TokenConfig(WRITER, Set.of(Role.WRITER), "pipeline"), new TokenConfig(ADMIN, Set.of(Role.ADMIN), "ops")));
      config.getTriggers().setScheduler(false);
    });
    first.close();
    writeTriggers(first.repository);
    TestServer server = TestServer.restart(first);
    try {
      JsonNode listed = TestServer.json(server.get("/triggers", READER));
      assertThat(listed).extracting(t -> t.get("name").asText()).containsExactly("retrain");
      assertThat(listed.get(0).get("hook").get("kind").asText()).isEqualTo("command");

      assertThat(server.post("/triggers/retrain/fire", "{}", WRITER).statusCode()).isEqualTo(403);
      HttpResponse<String> unknown = server.post("/triggers/nope/fire", "{}", ADMIN);
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(TestServer.json(unknown).get("message").asText()).contains("unknown trigger 'nope'");
      // Declared but not applied: only a registered trigger fires.
      HttpResponse<String> unapplied = server.post("/triggers/retrain/fire", "{}", ADMIN);
      assertThat(unapplied.statusCode()).isEqualTo(409);
      assertThat(TestServer.json(unapplied).get("message").asText()).contains("trigger 'retrain' is not registered");
      assertThat(server.post("/registry/apply", "", ADMIN).statusCode()).isEqualTo(200);

      HttpResponse<String> fired = server.post("/triggers/retrain/fire", "{\"reason\": \"labels refreshed\"}", ADMIN);
      assertThat(fired.statusCode()).as(fired.body()).isEqualTo(202);
      JsonNode firing = TestServer.json(fired);
      assertThat(firing.get("outcome").asText()).isEqualTo("started");
      String run = firing.get("links").get("run").asText();
      assertThat(run).isEqualTo("/runs/triggers/" + firing.get("run_id").asLong());

      JsonNode finished = waitUntilFinished(server, run);
      assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("succeeded");
      assertThat(finished.get("reason").asText()).isEqualTo("labels refreshed");
      assertThat(finished.get("steps")).extracting(s -> s.get("name").asText())
          .containsExactly("validation", "training_set", "hook");
      assertThat(finished.get("steps")).allSatisfy(s -> assertThat(s.get("duration_ms").asLong()).isNotNegative());
      assertThat(finished.get("hook").get("exit_code").asInt()).isZero();

      JsonNode runs = TestServer.json(server.get("/runs?kind=trigger", READER));
      assertThat(runs).hasSize(1);
      assertThat(runs.get(0).get("trigger_run").get("training_set_id").asLong())
          .isEqualTo(finished.get("training_set_id").asLong());
      JsonNode detail = TestServer.json(server.get("/triggers/retrain", READER));
      assertThat(detail.get("firings")).extracting(f -> f.get("outcome").asText()).containsExactly("started");
      assertThat(detail.get("versions")).extracting(v -> v.get("version").asText())
          .containsExactly(listed.get(0).get("version").asText());
      assertThat(detail.get("versions").get(0).get("definition").get("hook").get("command").get(0).asText())
          .isEqualTo("true");
    } finally {
      server.close();
    }

    // The CLI fires in its own process (here: thread) and records the run in the same registry.
    Result fire = cli(first.repository, "trigger", "fire", "retrain", "-r", first.repository.toString(), "--reason", "by hand");
    assertThat(fire.failure()).as(fire.err()).isEmpty();
    assertThat(fire.out()).contains("of trigger retrain (adhoc): succeeded - by hand", "  validation: succeeded",
        "  hook: command, exit code 0");
    Result triggers = cli(first.repository, "triggers", "-r", first.repository.toString());
    assertThat(triggers.out()).startsWith("retrain  adhoc  service driver_ranking_v1  hook command  last fired ");
    Result runs = cli(first.repository, "runs", "--kind", "trigger", "-r", first.repository.toString());
    assertThat(runs.out().lines().filter(l -> l.startsWith("run "))).hasSize(2);
    Result unknown = cli(first.repository, "trigger", "fire", "nope", "-r", first.repository.toString());
    assertThat(unknown.failure()).isPresent();
    assertThat(unknown.err()).contains("unknown trigger 'nope'");
  }

  @Test
  void aModelRegisteredWithARunsTrainingSetIsShownByTheRunAndItsLineageNamesTheRun() throws IOException {
    TestServer first = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> {
      config.getAuth().setTokens(List.of(new TokenConfig(READER, Set.of(Role.READER), "scorer"),
          new TokenConfig(WRITER, Set.of(Role.WRITER), "pipeline"), new TokenConfig(ADMIN, Set.of(Role.ADMIN), "ops")));
      config.getTriggers().setScheduler(false);
    });
    first.close();
    writeTriggers(first.repository);
    TestServer server = TestServer.restart(first);
    long runId;
    try {
      assertThat(server.post("/registry/apply", "", ADMIN).statusCode()).isEqualTo(200);
      JsonNode firing = TestServer.json(server.post("/triggers/retrain/fire", "{\"reason\": \"labels refreshed\"}",
          ADMIN));
      runId = firing.get("run_id").asLong();
      JsonNode finished = waitUntilFinished(server, "/runs/triggers/" + runId);
      assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("succeeded");
      assertThat(finished.get("models")).as("nothing reported back yet").isEmpty();
      long trainingSet = finished.get("training_set_id").asLong();

      HttpResponse<String> registered = server.post("/models/eta/versions", "{\"version\": \"7\", "
          + "\"training_set_id\": " + trainingSet + ", \"metrics\": {\"auc\": 0.9}}", WRITER);
      assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

      JsonNode run = TestServer.json(server.get("/runs/triggers/" + runId, READER));
      assertThat(run.get("models")).hasSize(1);
      assertThat(run.get("models").get(0).get("name").asText()).isEqualTo("eta");
      assertThat(run.get("models").get(0).get("version").asText()).isEqualTo("7");
      assertThat(run.get("models").get(0).get("lineage").asText()).isEqualTo("/models/eta/versions/7/lineage");
      JsonNode listed = TestServer.json(server.get("/runs?kind=trigger", READER));
      assertThat(listed.get(0).get("trigger_run").get("models").get(0).get("version").asText()).isEqualTo("7");

      JsonNode lineage = TestServer.json(server.get("/models/eta/versions/7/lineage", READER));
      JsonNode byRun = lineage.get("trigger_run");
      assertThat(byRun.get("id").asLong()).isEqualTo(runId);
      assertThat(byRun.get("trigger").asText()).isEqualTo("retrain");
      assertThat(byRun.get("trigger_kind").asText()).isEqualTo("adhoc");
      assertThat(byRun.get("reason").asText()).isEqualTo("labels refreshed");
      assertThat(byRun.get("firing_id").asLong()).isEqualTo(firing.get("id").asLong());
      assertThat(byRun.get("fired_at").asText()).isEqualTo(firing.get("fired_at").asText());
      assertThat(byRun.get("trigger_version").asText()).isEqualTo(firing.get("trigger_version").asText());
    } finally {
      server.close();
    }

    Result runs = cli(first.repository, "runs", "--kind", "trigger", "-r", first.repository.toString());
    assertThat(runs.failure()).as(runs.err()).isEmpty();
    assertThat(runs.out()).contains("  model: eta:7, registered ");
    Result lineage = cli(first.repository, "lineage", "--model", "eta:7", "-r", first.repository.toString());
    assertThat(lineage.failure()).as(lineage.err()).isEmpty();
    assertThat(lineage.out()).contains("built by trigger run " + runId + " of trigger retrain (adhoc @ ",
        "): labels refreshed, fired ");
  }

  @Test
  void aFiringWhileARunIsInProgressIsQueuedAndRunsAfterItOrIsRefusedByItsPolicy() throws Exception {
    TestServer first = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> {
      config.getAuth().setTokens(List.of(new TokenConfig(READER, Set.of(Role.READER), "scorer"),
          new TokenConfig(ADMIN, Set.of(Role.ADMIN), "ops")));
      config.getTriggers().setScheduler(false);
    });
    first.close();
    try (HeldWebhook pipeline = new HeldWebhook()) {
      String trigger = """
            - name: %s
              kind: adhoc
              on_busy: %s
              service: driver_ranking_v1
              entities: data/entities.parquet
              hook: { webhook: "%s", attempts: 1, timeout: 5m }
          """;
      Files.writeString(first.repository.resolve("triggers.yaml"), "triggers:\n"
          + trigger.formatted("queueing", "queue", pipeline.url()) + trigger.formatted("refusing", "refuse", pipeline.url()));
      TestServer server = TestServer.restart(first);
      try {
        assertThat(server.post("/registry/apply", "", ADMIN).statusCode()).isEqualTo(200);
        JsonNode firstRun = TestServer.json(server.post("/triggers/queueing/fire", "{\"reason\": \"one\"}", ADMIN));
        JsonNode refusingRun = TestServer.json(server.post("/triggers/refusing/fire", "{}", ADMIN));
        assertThat(List.of(firstRun.get("outcome").asText(), refusingRun.get("outcome").asText()))
            .containsOnly("started");
        assertThat(pipeline.awaitDeliveries(2)).as("both runs reached their hook").isTrue();

        HttpResponse<String> queued = server.post("/triggers/queueing/fire", "{\"reason\": \"two\"}", ADMIN);
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        assertThat(TestServer.json(queued).get("outcome").asText()).isEqualTo("queued");
        assertThat(TestServer.json(queued).get("note").asText())
            .isEqualTo("queued behind run " + firstRun.get("run_id").asLong());
        HttpResponse<String> refused = server.post("/triggers/refusing/fire", "{}", ADMIN);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(TestServer.json(refused).get("outcome").asText()).isEqualTo("refused");
        assertThat(TestServer.json(server.get("/triggers/refusing", READER)).get("firings"))
            .extracting(f -> f.get("outcome").asText()).containsExactly("refused", "started");

        pipeline.release();
        JsonNode one = waitUntilFinished(server, "/runs/triggers/" + firstRun.get("run_id").asLong());
        assertThat(one.get("status").asText()).as(one.toString()).isEqualTo("succeeded");
        long queuedFiring = TestServer.json(queued).get("id").asLong();
        JsonNode second = waitForRunOf(server, "queueing", queuedFiring);
        JsonNode two = waitUntilFinished(server, "/runs/triggers/" + second.get("run_id").asLong());
        assertThat(two.get("status").asText()).as(two.toString()).isEqualTo("succeeded");
        assertThat(two.get("reason").asText()).isEqualTo("two");
        assertThat(Instant.parse(two.get("started_at").asText()))
            .isAfterOrEqualTo(Instant.parse(one.get("finished_at").asText()));
        assertThat(waitUntilFinished(server, "/runs/triggers/" + refusingRun.get("run_id").asLong())
            .get("status").asText()).isEqualTo("succeeded");
        assertThat(TestServer.json(server.get("/runs?kind=trigger", READER))).hasSize(3);
      } finally {
        server.close();
      }
    }
  }

  /** Polls the trigger's firing until a run is started for it (a queued firing starts when the run before ends). */
  private static JsonNode waitForRunOf(TestServer server, String trigger, long firingId) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (true) {
      for (JsonNode firing : TestServer.json(server.get("/triggers/" + trigger, READER)).get("firings")) {
        if (firing.get("id").asLong() == firingId && !firing.get("run_id").isNull()) {
          return firing;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no run started for firing " + firingId + " of trigger " + trigger);
      }
      Thread.onSpinWait();
    }
  }

  /** The sample's Parquet entity table: validation's reference time is its latest row, not the server's clock. */
  private static void writeTriggers(Path repository) throws IOException {
    Files.writeString(repository.resolve("triggers.yaml"), """
        triggers:
          - name: retrain
            kind: adhoc
            service: driver_ranking_v1
            entities: data/entities.parquet
            hook: { command: ["true"] }
        """);
  }

  /** Polls the run until it is no longer running: the run happens on the server's trigger threads. */
  private static JsonNode waitUntilFinished(TestServer server, String path) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (true) {
      JsonNode run = TestServer.json(server.get(path, READER));
      if (!run.get("status").asText().equals("running") || Instant.now().isAfter(deadline)) {
        return run;
      }
      Thread.onSpinWait();
    }
  }

  private static Result cli(Path repository, String... args) {
    return InProcessCli.run(Map.of(dev.parity.definitions.RepositoryConfig.REDIS_URL_ENV, TestRedis.standaloneUrl()),
        Clock.systemUTC(), args);
  }
}
