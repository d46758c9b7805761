package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.triggers.TriggerHook;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code models:} entry declares for one model name: the promotion gates a version must
 * pass to take an alias, and the protected aliases only an admin may move. A model with no entry
 * gets {@link #defaults}: no gates, {@code champion} protected.
 */
public record ModelPolicy(String model, List<ModelGate> gates, List<String> protectedAliases,
    List<TriggerHook> onPromote) {
  /** What an alias name must look like. */
  public static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  /** The alias change thresholds compare against, protected unless a model says otherwise. */
  public static final String CHAMPION = "champion";

  public ModelPolicy {
    requireNonNull(model, "model is null");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model name is blank");
    }
    gates = List.copyOf(requireNonNull(gates, "gates is null"));
    protectedAliases = List.copyOf(requireNonNull(protectedAliases, "protectedAliases is null"));
    protectedAliases.forEach(ModelPolicy::checkAlias);
    onPromote = List.copyOf(requireNonNull(onPromote, "onPromote is null"));
  }

  /** A policy without promotion hooks. */
  public ModelPolicy(String model, List<ModelGate> gates, List<String> protectedAliases) {
    this(model, gates, protectedAliases, List.of());
  }

  /** The policy of a model nobody declared: no gates, {@code champion} protected. */
  public static ModelPolicy defaults(String model) {
    return new ModelPolicy(model, List.of(), List.of(CHAMPION));
  }

  /**
   * Checks an alias name.
   *
   * @throws IllegalArgumentException if it does not match {@link #ALIAS}
   */
  public static String checkAlias(String alias) {
    if (alias == null || !ALIAS.matcher(alias).matches()) {
      throw new IllegalArgumentException("invalid alias '" + alias + "': lower-case letter first, then lower-case "
          + "letters, digits, '_' or '-', at most 63 characters");
    }
    return alias;
  }

  /** Whether only an admin may move this alias. */
  public boolean isProtected(String alias) {
    return protectedAliases.contains(alias);
  }

  /** Every gate checked against the candidate's metrics and the champion's (if there is one). */
  public List<GateResult> check(Map<String, Double> candidate, Optional<Map<String, Double>> champion) {
    return gates.stream().map(g -> g.check(candidate, champion)).toList();
  }
}
