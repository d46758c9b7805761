package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.GateResult;
import dev.parity.registry.RegistryException;
import java.util.stream.Collectors;

/**
 * A promotion was refused because gates failed (the refusal is recorded as a decision), or an
 * alias move cannot happen (a rollback with nothing to go back to).
 */
public class PromotionRefusedException extends RegistryException {
  private final transient Recorded<ModelDecision> decision;

  /** A promotion its gates refused; the refusal was recorded as {@code decision}. */
  public PromotionRefusedException(Recorded<ModelDecision> decision) {
    super(message(requireNonNull(decision, "decision is null").value()));
    this.decision = decision;
  }

  /** An alias move that cannot happen, with nothing recorded. */
  public PromotionRefusedException(String message) {
    super(message);
    this.decision = null;
  }

  private static String message(ModelDecision d) {
    return "model " + d.model() + " version " + d.version() + " may not take alias '" + d.alias() + "': "
        + d.failedGates().stream().map(g -> g.gate() + " failed (" + g.detail() + ")")
            .collect(Collectors.joining("; "));
  }

  /** The recorded refusal, with every gate's result; empty when nothing was recorded. */
  public java.util.Optional<Recorded<ModelDecision>> decision() {
    return java.util.Optional.ofNullable(decision);
  }
}
