package dev.parity.server.models;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.definitions.GateResult;
import dev.parity.definitions.triggers.TriggerHook;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.ModelDecision;
import dev.parity.registry.metadata.Recorded;
import dev.parity.server.triggers.HookResult;
import dev.parity.server.triggers.Hooks;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Calls a model's {@code on_promote} hooks after an accepted promotion or rollback, through the
 * trigger hooks' code (signature, retries, idempotency key), and records each delivery with the
 * decision. A failed delivery is recorded as failed; the alias has moved and stays moved.
 */
final class PromotionHooks {
  /** The payload's schema id. */
  static final String SCHEMA = "https://parity.dev/schemas/model-promotion-1.json";

  private final Hooks hooks;
  private final MetadataStore metadata;

  PromotionHooks(Hooks hooks, MetadataStore metadata) {
    this.hooks = requireNonNull(hooks, "hooks is null");
    this.metadata = requireNonNull(metadata, "metadata is null");
  }

  /** Delivers the decision to every hook, in declaration order, and records the deliveries. */
  void deliver(String project, Recorded<ModelDecision> decision, List<TriggerHook> declared, Path repositoryRoot) {
    if (declared.isEmpty() || !decision.value().accepted()) {
      return;
    }
    ObjectNode payload = payload(project, decision);
    String key = idempotencyKey(decision.id());
    ArrayNode deliveries = JsonNodeFactory.instance.arrayNode();
    for (TriggerHook hook : declared) {
      try {
        HookResult result = hooks.deliver(hook, repositoryRoot, payload, key);
        ObjectNode record = result.record().deepCopy();
        record.put("succeeded", result.succeeded());
        result.error().ifPresent(error -> record.put("error", error));
        deliveries.add(record);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        deliveries.addObject().put("kind", hook.kind()).put("succeeded", false)
            .put("error", "interrupted: the server is stopping");
        break;
      }
    }
    metadata.recordDecisionHooks(decision.id(), deliveries);
  }

  /** The same for every delivery of one decision: how a receiver recognises a retry. */
  static String idempotencyKey(long decisionId) {
    return "parity-decision-" + decisionId;
  }

  private static ObjectNode payload(String project, Recorded<ModelDecision> recorded) {
    ModelDecision d = recorded.value();
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("$schema", SCHEMA);
    payload.put("decision_id", recorded.id());
    payload.put("idempotency_key", idempotencyKey(recorded.id()));
    payload.put("project", project);
    payload.put("action", d.action().name().toLowerCase(Locale.ROOT));
    payload.put("model", d.model());
    payload.put("version", d.version());
    payload.put("alias", d.alias());
    payload.put("previous_version", d.previousVersion().orElse(null));
    payload.put("principal", d.principal());
    payload.put("decided_at", d.decidedAt().toString());
    ObjectNode metrics = payload.putObject("metrics");
    new TreeMap<>(d.metrics()).forEach(metrics::put);
    ArrayNode gates = payload.putArray("gates");
    for (GateResult gate : d.gates()) {
      gates.addObject().put("gate", gate.gate()).put("passed", gate.passed()).put("detail", gate.detail());
    }
    return payload;
  }
}
