package dev.parity.server.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.registry.metadata.FiringOutcome;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.TriggerFiring;
import dev.parity.registry.metadata.TriggerRun;
import dev.parity.registry.metadata.TriggerRunDetail;
import dev.parity.server.testing.SampleRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run: validation, training set, hook; webhook and command hooks; validation failure. */
class TriggerRunsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private static String adhoc(String name, String hook) {
    return """
        triggers:
          - name: %s
            kind: adhoc
            service: driver_ranking_v1
            entities: data/entities.parquet
            hook: %s
        """.formatted(name, hook);
  }

  private static JsonNode json(byte[] body) throws IOException {
    return JSON.readTree(body);
  }

  @Test
  void aWebhookGetsTheSignedPayloadAgainOnRetry() throws IOException {
    try (WebhookReceiver receiver = new WebhookReceiver(List.of(503), 200);
        TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), adhoc("retrain",
            "{ webhook: \"" + receiver.url() + "\", secret_env: HOOK_SECRET, attempts: 3, backoff: 1s }"))) {
      TriggersFixture.Server server = fixture.server();

      TriggerFiring firing = server.triggers.fire("retrain", Optional.of("new labels arrived"));

      assertThat(firing.outcome()).isEqualTo(FiringOutcome.STARTED);
      TriggerRunDetail run = server.run(firing.runId().orElseThrow());
      assertThat(run.run().status()).as(run.toString()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(run.steps()).extracting(s -> s.get("name").asText() + ":" + s.get("status").asText())
          .containsExactly("validation:succeeded", "training_set:succeeded", "hook:succeeded");
      assertThat(run.steps().get(0).get("detail").asText()).contains("driver_hourly_stats");
      assertThat(receiver.deliveries).hasSize(2);
      for (WebhookReceiver.Delivery delivery : receiver.deliveries) {
        assertThat(delivery.header("X-Parity-Signature")).isEqualTo("sha256="
            + WebhookHook.sign(TriggersFixture.SECRET.getBytes(StandardCharsets.UTF_8), delivery.body()));
        assertThat(delivery.header("X-Parity-Idempotency-Key")).isEqualTo("parity-run-" + run.run().id());
        assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
      }
      assertThat(receiver.deliveries).extracting(d -> d.header("X-Parity-Delivery-Attempt")).containsExactly("1", "2");
      assertThat(receiver.deliveries.get(0).text()).isEqualTo(receiver.deliveries.get(1).text());

      JsonNode payload = json(receiver.deliveries.get(1).body());
      long trainingSet = run.run().trainingSetId().orElseThrow();
      assertThat(payload.get("run_id").asLong()).isEqualTo(run.run().id());
      assertThat(payload.get("idempotency_key").asText()).isEqualTo("parity-run-" + run.run().id());
      assertThat(payload.get("trigger").get("name").asText()).isEqualTo("retrain");
      assertThat(payload.get("trigger").get("kind").asText()).isEqualTo("adhoc");
      assertThat(payload.get("trigger").get("version").asText())
          .isEqualTo(fixture.load().trigger("retrain").orElseThrow().version()).isEqualTo(run.triggerVersion().orElseThrow());
      assertThat(payload.get("reason").asText()).isEqualTo("new labels arrived");
      assertThat(payload.get("training_set").get("id").asLong()).isEqualTo(trainingSet);
      assertThat(Path.of(payload.get("training_set").get("path").asText())).exists();
      assertThat(payload.get("training_set").get("as_of_created").asText()).isEqualTo(run.run().startedAt().toString());
      assertThat(payload.get("service").get("name").asText()).isEqualTo("driver_ranking_v1");
      assertThat(payload.get("service").get("version").asText()).hasSize(64);
      assertThat(payload.get("views").fieldNames()).toIterable()
          .contains("driver_hourly_stats", "driver_activity", "driver_adjusted");
      assertThat(payload.get("statistics").isArray()).isTrue();
      assertThat(payload.get("statistics")).isNotEmpty();
      // The recorded training set is the one in the payload, with the definition versions it was built from.
      var recorded = server.metadata().trainingSet(trainingSet).orElseThrow().value();
      assertThat(recorded.asOfCreated()).contains(run.run().startedAt());
      assertThat(recorded.outputPath()).isEqualTo(payload.get("training_set").get("path").asText());
      // The lineage block is what the metadata store recorded for the set: versions and source files.
      JsonNode lineage = payload.get("lineage");
      assertThat(lineage.get("training_set").get("id").asLong()).isEqualTo(trainingSet);
      assertThat(lineage.get("training_set").get("path").asText()).isEqualTo(recorded.outputPath());
      assertThat(lineage.get("service").get("version").asText()).isEqualTo(payload.get("service").get("version").asText());
      assertThat(lineage.get("views")).isEqualTo(payload.get("views"));
      var inputs = server.metadata().trainingSetInputs(trainingSet).orElseThrow();
      assertThat(inputs.sourceFiles()).isNotEmpty();
      assertThat(lineage.get("source_files")).extracting(f -> f.get("source").asText() + " " + f.get("path").asText()
          + " " + f.get("size_bytes").asLong() + " " + f.get("modified_at").asText())
          .containsExactlyElementsOf(inputs.sourceFiles().stream().map(f -> f.source() + " " + f.path() + " "
              + f.sizeBytes() + " " + f.modifiedAt()).toList());
      assertThat(lineage.get("events_from").asText()).isEqualTo(inputs.eventsFrom().orElseThrow().toString());
      assertThat(lineage.get("events_to").asText()).isEqualTo(inputs.eventsTo().orElseThrow().toString());
      // Every field the documented schema requires is sent, and nothing it does not describe.
      JsonNode schema = json(Files.readAllBytes(Path.of("..", "docs", "triggers-payload.schema.json")));
      assertThat(payload.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(
          () -> schema.get("properties").fieldNames());
      assertThat(schema.get("required")).extracting(JsonNode::asText).allSatisfy(f -> assertThat(payload.has(f)).isTrue());
      assertThat(lineage.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(
          () -> schema.get("properties").get("lineage").get("properties").fieldNames());

      JsonNode hook = run.run().hookResult().orElseThrow();
      assertThat(hook.get("status").asText()).isEqualTo("delivered");
      assertThat(hook.get("attempts")).extracting(a -> a.get("status_code").asInt()).containsExactly(503, 200);
    }
  }

  @Test
  void aFailingWebhookFailsTheRunWithItsError() {
    try (WebhookReceiver receiver = new WebhookReceiver(List.of(), 500);
        TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), adhoc("retrain",
            "{ webhook: \"" + receiver.url() + "\", attempts: 2, backoff: 0 }"))) {
      TriggersFixture.Server server = fixture.server();

      TriggerRun run = server.run(server.triggers.fire("retrain", Optional.empty()).runId().orElseThrow()).run();

      assertThat(run.status()).isEqualTo(RunStatus.FAILED);
      assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).startsWith("hook failed: the webhook answered HTTP 500")
          .contains("after 2 attempts"));
      assertThat(run.trainingSetId()).isPresent();
      assertThat(run.hookResult().orElseThrow().get("status").asText()).isEqualTo("failed");
      assertThat(receiver.deliveries).hasSize(2);
      assertThat(receiver.deliveries.get(0).header("X-Parity-Signature")).as("no secret, no signature").isNull();
    }
  }

  @Test
  void aCommandHookGetsThePayloadOnStdinAndItsExitCodeAndOutputAreRecorded() throws IOException {
    String script = "cat > payload.json; echo trained model; echo warning >&2; exit $EXIT";
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), adhoc("train_ok",
        "{ command: [sh, -c, \"EXIT=0; " + script + "\"], timeout: 1m }") + adhoc("train_broken",
        "{ command: [sh, -c, \"EXIT=3; " + script + "\"] }").replace("triggers:\n", ""))) {
      TriggersFixture.Server server = fixture.server();

      TriggerRun ok = server.run(server.triggers.fire("train_ok", Optional.empty()).runId().orElseThrow()).run();
      assertThat(ok.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(ok.hookResult().orElseThrow().get("exit_code").asInt()).isZero();
      assertThat(ok.hookResult().orElseThrow().get("output").asText()).contains("trained model", "warning");
      JsonNode payload = json(Files.readAllBytes(fixture.root.resolve("payload.json")));
      assertThat(payload.get("run_id").asLong()).isEqualTo(ok.id());
      assertThat(payload.get("training_set").get("id").asLong()).isEqualTo(ok.trainingSetId().orElseThrow());

      TriggerRun broken = server.run(server.triggers.fire("train_broken", Optional.empty()).runId().orElseThrow()).run();
      assertThat(broken.status()).isEqualTo(RunStatus.FAILED);
      assertThat(broken.error()).contains("hook failed: the command exited with code 3");
      assertThat(broken.hookResult().orElseThrow().get("exit_code").asInt()).isEqualTo(3);
      assertThat(broken.hookResult().orElseThrow().get("output").asText()).contains("trained model");
    }
  }

  @Test
  void aValidationFailureAbortsTheRunAndTheHookIsNeverCalled() {
    try (WebhookReceiver receiver = new WebhookReceiver(List.of(), 200);
        TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), adhoc("retrain",
            "{ webhook: \"" + receiver.url() + "\" }"))) {
      SampleRepository.edit(fixture.root, SampleRepository.DEFINITIONS, "row_count: { min: 100 }",
          "row_count: { min: 100000000 }");
      fixture.apply();
      TriggersFixture.Server server = fixture.server();

      TriggerRunDetail run = server.run(server.triggers.fire("retrain", Optional.empty()).runId().orElseThrow());

      assertThat(run.run().status()).isEqualTo(RunStatus.FAILED);
      assertThat(run.run().error()).hasValueSatisfying(e -> assertThat(e)
          .contains("data validation failed for feature view driver_hourly_stats").endsWith("the hook was not called"));
      assertThat(run.steps()).extracting(s -> s.get("name").asText() + ":" + s.get("status").asText())
          .containsExactly("validation:failed");
      assertThat(run.steps().get(0).get("detail").asText()).contains("row count 4000 < min 100000000");
      assertThat(run.run().trainingSetId()).isEmpty();
      assertThat(run.run().hookResult()).isEmpty();
      assertThat(receiver.deliveries).isEmpty();
    }
  }
}
