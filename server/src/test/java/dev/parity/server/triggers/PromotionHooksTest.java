package dev.parity.server.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.registry.metadata.PromotionRefusedException;
import dev.parity.server.models.DecisionJson;
import dev.parity.server.models.ModelsService;
import dev.parity.server.testing.DocumentedSchema;
import dev.parity.server.testing.InProcessCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's {@code on_promote} hooks: called after an accepted promotion or rollback, recorded with the decision. */
class PromotionHooksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DocumentedSchema SCHEMA = DocumentedSchema.of("promotion-payload.schema.json");
  private static final String RETRAIN = """
      triggers:
        - name: retrain
          kind: adhoc
          service: driver_ranking_v1
          entities: data/entities.parquet
          hook: { command: ["true"] }
      """;

  @TempDir Path temp;

  @Test
  void anAcceptedPromotionIsDeliveredSignedAndAFailingReceiverIsRecordedWithoutUndoingIt() throws IOException {
    try (WebhookReceiver receiver = new WebhookReceiver(List.of(), 200);
        WebhookReceiver failing = new WebhookReceiver(List.of(), 500);
        TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), RETRAIN)) {
      Files.writeString(fixture.root.resolve("models.yaml"), """
          models:
            - name: eta
              gates: [auc >= 0.80]
              on_promote:
                - { webhook: "%s", secret_env: HOOK_SECRET }
                - { webhook: "%s", attempts: 2, backoff: 1s }
          """.formatted(receiver.url(), failing.url()));
      TriggersFixture.Server server = fixture.server();
      long trainingSet = trainingSet(server);
      ModelsService models = new ModelsService(server.metadata(), fixture::load, Optional.of(
          new Hooks(Map.of("HOOK_SECRET", TriggersFixture.SECRET), fixture.clock, duration -> { })));
      models.register("eta", "1", trainingSet, Optional.empty(), Map.of("auc", 0.9));
      models.register("eta", "2", trainingSet, Optional.empty(), Map.of("auc", 0.7));

      assertThatThrownBy(() -> models.promote("eta", "2", "champion", "ops", true))
          .isInstanceOf(PromotionRefusedException.class);
      assertThat(receiver.deliveries).as("a refused promotion calls no hook").isEmpty();

      DecisionJson promoted = models.decisionJson(models.promote("eta", "1", "champion", "ops", true));
      assertThat(promoted.accepted()).isTrue();
      assertThat(receiver.deliveries).hasSize(1);
      WebhookReceiver.Delivery delivery = receiver.deliveries.get(0);
      assertThat(delivery.header("X-Parity-Signature")).isEqualTo("sha256="
          + WebhookHook.sign(TriggersFixture.SECRET.getBytes(StandardCharsets.UTF_8), delivery.body()));
      assertThat(delivery.header("X-Parity-Idempotency-Key")).isEqualTo("parity-decision-" + promoted.id());
      JsonNode payload = JSON.readTree(delivery.body());
      assertThat(SCHEMA.violations(payload)).isEmpty();
      assertThat(payload.get("action").asText()).isEqualTo("promote");
      assertThat(payload.get("model").asText()).isEqualTo("eta");
      assertThat(payload.get("version").asText()).isEqualTo("1");
      assertThat(payload.get("alias").asText()).isEqualTo("champion");
      assertThat(payload.get("previous_version").isNull()).isTrue();
      assertThat(payload.get("principal").asText()).isEqualTo("ops");
      assertThat(payload.get("metrics").get("auc").asDouble()).isEqualTo(0.9);
      assertThat(payload.get("gates").get(0).get("gate").asText()).isEqualTo("auc >= 0.8");
      assertThat(payload.get("gates").get(0).get("passed").asBoolean()).isTrue();

      // Both deliveries are recorded with the decision; the failing one failed after its attempts.
      assertThat(promoted.hooks()).hasSize(2);
      assertThat(promoted.hooks().get(0).get("succeeded").asBoolean()).isTrue();
      assertThat(promoted.hooks().get(1).get("succeeded").asBoolean()).isFalse();
      assertThat(promoted.hooks().get(1).get("error").asText()).contains("HTTP 500", "after 2 attempts");
      assertThat(failing.deliveries).hasSize(2);
      // The failure undoes nothing: the alias moved.
      assertThat(server.metadata().modelAliases(fixture.project, "eta")).containsEntry("champion", "1");
      assertThat(models.describe("eta").decisions()).filteredOn(DecisionJson::accepted).singleElement()
          .satisfies(d -> assertThat(d.hooks()).isEqualTo(promoted.hooks()));

      models.register("eta", "3", trainingSet, Optional.empty(), Map.of("auc", 0.95));
      models.promote("eta", "3", "champion", "ops", true);
      DecisionJson rolledBack = models.decisionJson(models.rollback("eta", "champion", "ops", true));
      JsonNode rollback = JSON.readTree(receiver.deliveries.get(receiver.deliveries.size() - 1).body());
      assertThat(SCHEMA.violations(rollback)).isEmpty();
      assertThat(rollback.get("action").asText()).isEqualTo("rollback");
      assertThat(rollback.get("decision_id").asLong()).isEqualTo(rolledBack.id());
      assertThat(rolledBack.hooks().get(0).get("succeeded").asBoolean()).isTrue();
      assertThat(server.metadata().modelAliases(fixture.project, "eta")).containsEntry("champion", "1");
    }
  }

  @Test
  void theCliCallsTheSameHooksAfterAnAcceptedPromotionOrRollbackAndRecordsTheirDeliveries() throws IOException {
    try (WebhookReceiver receiver = new WebhookReceiver(List.of(), 200);
        TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), RETRAIN)) {
      Files.writeString(fixture.root.resolve("models.yaml"), """
          models:
            - name: eta
              gates: [auc >= 0.80]
              on_promote: { webhook: "%s", secret_env: HOOK_SECRET }
          """.formatted(receiver.url()));
      String repo = fixture.root.toString();
      String trainingSet = String.valueOf(trainingSet(fixture.server()));
      for (String[] version : new String[][] {{"1", "0.7"}, {"2", "0.9"}, {"3", "0.95"}}) {
        InProcessCli.Result registered = fixture.cli("models", "register", "eta", version[0], "-r", repo,
            "--training-set", trainingSet, "--metric", "auc=" + version[1]);
        assertThat(registered.failure()).as(registered.err()).isEmpty();
      }

      InProcessCli.Result refused = fixture.cli("models", "promote", "eta", "1", "--alias", "champion", "-r", repo);
      assertThat(refused.failure()).isPresent();
      assertThat(receiver.deliveries).as("a refused promotion calls no hook").isEmpty();

      InProcessCli.Result promoted = fixture.cli("models", "promote", "eta", "2", "--alias", "champion", "-r", repo,
          "--json");
      assertThat(promoted.failure()).as(promoted.err()).isEmpty();
      JsonNode decision = JSON.readTree(promoted.out());
      assertThat(receiver.deliveries).hasSize(1);
      WebhookReceiver.Delivery delivery = receiver.deliveries.get(0);
      assertThat(delivery.header("X-Parity-Signature")).isEqualTo("sha256="
          + WebhookHook.sign(TriggersFixture.SECRET.getBytes(StandardCharsets.UTF_8), delivery.body()));
      assertThat(delivery.header("X-Parity-Idempotency-Key"))
          .isEqualTo("parity-decision-" + decision.get("id").asLong());
      JsonNode payload = JSON.readTree(delivery.body());
      assertThat(SCHEMA.violations(payload)).isEmpty();
      assertThat(payload.get("decision_id").asLong()).isEqualTo(decision.get("id").asLong());
      assertThat(payload.get("project").asText()).isEqualTo(fixture.project);
      assertThat(payload.get("action").asText() + " " + payload.get("version").asText() + " "
          + payload.get("previous_version")).isEqualTo("promote 2 null");
      assertThat(payload.get("principal").asText()).isEqualTo(decision.get("principal").asText()).startsWith("cli:");
      // What the command printed is what it recorded with the decision, as the server does.
      assertThat(decision.get("hooks")).singleElement().satisfies(hook -> {
        assertThat(hook.get("kind").asText()).isEqualTo("webhook");
        assertThat(hook.get("succeeded").asBoolean()).isTrue();
        assertThat(hook.get("signed").asBoolean()).isTrue();
      });
      JsonNode shown = JSON.readTree(fixture.cli("models", "show", "eta", "-r", repo, "--json").out());
      assertThat(shown.get("decisions")).filteredOn(d -> d.get("id").equals(decision.get("id"))).singleElement()
          .satisfies(d -> assertThat(d.get("hooks")).isEqualTo(decision.get("hooks")));

      InProcessCli.Result text = fixture.cli("models", "promote", "eta", "3", "--alias", "champion", "-r", repo);
      assertThat(text.out()).startsWith("Promoted model eta version 3 to alias 'champion' (held by version 2 before)")
          .endsWith("  PASS  auc >= 0.8  (auc = 0.95 >= 0.8)\n  hook webhook: succeeded\n");

      InProcessCli.Result rolledBack = fixture.cli("models", "rollback", "eta", "--alias", "champion", "-r", repo);
      assertThat(rolledBack.failure()).as(rolledBack.err()).isEmpty();
      assertThat(receiver.deliveries).hasSize(3);
      JsonNode rollback = JSON.readTree(receiver.deliveries.get(2).body());
      assertThat(SCHEMA.violations(rollback)).isEmpty();
      assertThat(rollback.get("action").asText() + " " + rollback.get("version").asText() + " "
          + rollback.get("previous_version").asText()).isEqualTo("rollback 2 3");
      assertThat(rolledBack.out()).endsWith("  hook webhook: succeeded\n");
    }
  }

  /** A training set to register models on: one run of the trigger. */
  private static long trainingSet(TriggersFixture.Server server) {
    return server.run(server.triggers.fire("retrain", Optional.empty()).runId().orElseThrow()).run()
        .trainingSetId().orElseThrow();
  }
}
