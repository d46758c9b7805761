package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.GateResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recorded decision about a model alias: a promotion (accepted or refused by its gates) or a
 * rollback, with who asked, when, the candidate's metrics and each gate's result.
 *
 * @param previousVersion the version that held the alias before (empty if none)
 */
public record ModelDecision(String model, String alias, DecisionAction action, String version,
    Optional<String> previousVersion, boolean accepted, String principal, Instant decidedAt,
    Map<String, Double> metrics, List<GateResult> gates) {
  public ModelDecision {
    requireNonNull(model, "model is null");
    requireNonNull(alias, "alias is null");
    requireNonNull(action, "action is null");
    requireNonNull(version, "version is null");
    requireNonNull(previousVersion, "previousVersion is null");
    requireNonNull(principal, "principal is null");
    requireNonNull(decidedAt, "decidedAt is null");
    metrics = Map.copyOf(requireNonNull(metrics, "metrics is null"));
    gates = List.copyOf(requireNonNull(gates, "gates is null"));
  }

  /** The gates that failed. */
  public List<GateResult> failedGates() {
    return gates.stream().filter(g -> !g.passed()).toList();
  }
}
