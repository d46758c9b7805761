package dev.parity.server.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.definitions.triggers.TriggerHook;
import dev.parity.registry.metadata.TriggerFiring;
import dev.parity.registry.metadata.TriggerRunDetail;
import java.util.List;
import java.util.Locale;

/** Triggers, firings and trigger runs as the HTTP API shows them (docs/http-api.md). */
public final class TriggerJson {
  private TriggerJson() {}

  /** A declared trigger: its condition and hook (never a secret: only the variable's name). */
  public static ObjectNode trigger(Trigger trigger) {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("name", trigger.name()).put("kind", trigger.kind())
        .put("version", trigger.version()).put("service", trigger.service()).put("entities", trigger.entities())
        .put("on_busy", trigger.onBusy().id());
    node.set("condition", JsonNodeFactory.instance.pojoNode(trigger.condition().canonicalForm()));
    ObjectNode hook = node.putObject("hook").put("kind", trigger.hook().kind());
    if (trigger.hook() instanceof TriggerHook.Webhook webhook) {
      hook.put("url", webhook.url().toString()).put("signed", webhook.secretEnv().isPresent())
          .put("attempts", webhook.attempts());
    } else {
      hook.putPOJO("command", ((TriggerHook.Command) trigger.hook()).command());
    }
    return node;
  }

  /** A firing: when, why, what became of it and the run it started. */
  public static ObjectNode firing(TriggerFiring firing) {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("id", firing.id())
        .put("trigger", firing.triggerName()).put("kind", firing.triggerKind())
        .put("trigger_version", firing.triggerVersion()).put("firing_key", firing.firingKey())
        .put("reason", firing.reason()).put("fired_at", firing.firedAt().toString())
        .put("outcome", firing.outcome().name().toLowerCase(Locale.ROOT));
    node.put("run_id", firing.runId().orElse(null));
    node.put("note", firing.note().orElse(null));
    firing.runId().ifPresent(id -> node.putObject("links").put("run", "/runs/triggers/" + id));
    return node;
  }

  /**
   * A trigger run with its steps, durations, outcome and links to what it produced, down to the
   * model versions registered with its training set.
   */
  public static ObjectNode run(TriggerRunDetail detail) {
    var run = detail.run();
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("kind", "trigger").put("id", run.id())
        .put("trigger", run.triggerName()).put("trigger_kind", run.triggerKind());
    node.put("trigger_version", detail.triggerVersion().orElse(null));
    node.put("reason", run.reason()).put("status", run.status().name().toLowerCase(Locale.ROOT))
        .put("started_at", run.startedAt().toString());
    node.put("finished_at", run.finishedAt().map(Object::toString).orElse(null));
    node.put("duration_ms", run.finishedAt().map(f -> java.time.Duration.between(run.startedAt(), f).toMillis())
        .orElse(null));
    node.put("error", run.error().orElse(null));
    node.set("steps", detail.steps());
    node.put("training_set_id", run.trainingSetId().orElse(null));
    node.set("hook", run.hookResult().orElse(null));
    var models = node.putArray("models");
    for (var model : detail.models()) {
      models.addObject().put("name", model.name()).put("version", model.version())
          .put("registered_at", model.registeredAt().toString())
          .put("lineage", "/models/" + segment(model.name()) + "/versions/" + segment(model.version()) + "/lineage");
    }
    node.putObject("links").put("self", "/runs/triggers/" + run.id())
        .put("trigger", "/triggers/" + run.triggerName());
    return node;
  }

  // A model version is any text: it must not break the path it is put in.
  private static String segment(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Runs in a JSON array. */
  static JsonNode array(List<? extends JsonNode> nodes) {
    var array = JsonNodeFactory.instance.arrayNode();
    nodes.forEach(array::add);
    return array;
  }
}
