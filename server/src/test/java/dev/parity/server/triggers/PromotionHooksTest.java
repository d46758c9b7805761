package dev.parity.server.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.registry.metadata.PromotionRefusedException;
import dev.parity.server.models.DecisionJson;
import dev.parity.server.models.ModelsService;
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

  @TempDir Path temp;

  @Test
  void anAcceptedPromotionIsDeliveredSignedAndAFailingReceiverIsRecordedWithoutUndoingIt() throws IOException {
    try (WebhookReceiver receiver = new WebhookReceiver(List.of(), 200);
        WebhookReceiver failing = new WebhookReceiver(List.of(), 500);
        TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), """
            triggers:
              - name: retrain
                kind: adhoc
                service: driver_ranking_v1
                entities: data/entities.parquet
                hook: { command: ["true"] }
            """)) {
      Files.writeString(fixture.root.resolve("models.yaml"), """
          models:
            - name: eta
              gates: [auc >= 0.80]
              on_promote:
                - { webhook: "%s", secret_env: HOOK_SECRET }
                - { webhook: "%s", attempts: 2, backoff: 1s }
          """.formatted(receiver.url(), failing.url()));
      TriggersFixture.Server server = fixture.server();
      long trainingSet = server.run(server.triggers.fire("retrain", Optional.empty()).runId().orElseThrow()).run()
          .trainingSetId().orElseThrow();
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
      assertThat(rollback.get("action").asText()).isEqualTo("rollback");
      assertThat(rollback.get("decision_id").asLong()).isEqualTo(rolledBack.id());
      assertThat(rolledBack.hooks().get(0).get("succeeded").asBoolean()).isTrue();
      assertThat(server.metadata().modelAliases(fixture.project, "eta")).containsEntry("champion", "1");
    }
  }
}
