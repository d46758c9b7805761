package dev.parity.server.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.definitions.GateResult;
import dev.parity.registry.metadata.ModelDecision;
import dev.parity.registry.metadata.Recorded;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A recorded alias decision as answered over HTTP and printed by the CLI, with the deliveries of
 * the model's {@code on_promote} hooks when it had any.
 */
public record DecisionJson(long id, String alias, String action, String version,
    @JsonProperty("previous_version") Optional<String> previousVersion, boolean accepted, String principal,
    @JsonProperty("decided_at") String decidedAt, Map<String, Double> metrics, List<Gate> gates,
    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode hooks) {

  /** One gate's result. */
  public record Gate(String gate, boolean passed, String detail) {
    static Gate of(GateResult r) {
      return new Gate(r.gate(), r.passed(), r.detail());
    }
  }

  /** The decision as answered over HTTP. */
  public static DecisionJson of(Recorded<ModelDecision> recorded) {
    ModelDecision d = recorded.value();
    return new DecisionJson(recorded.id(), d.alias(), d.action().name().toLowerCase(Locale.ROOT), d.version(),
        d.previousVersion(), d.accepted(), d.principal(), d.decidedAt().toString(), new java.util.TreeMap<>(d.metrics()),
        d.gates().stream().map(Gate::of).toList(), null);
  }

  /** This decision with what the model's {@code on_promote} hooks did after it (when it has any). */
  public DecisionJson withHooks(Optional<JsonNode> deliveries) {
    return new DecisionJson(id, alias, action, version, previousVersion, accepted, principal, decidedAt, metrics, gates,
        deliveries.orElse(null));
  }
}
