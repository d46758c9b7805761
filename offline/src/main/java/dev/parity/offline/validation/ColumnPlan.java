package dev.parity.offline.validation;

import dev.parity.definitions.ColumnRules;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The rules one column is checked against, each with its origin: declared rules win over rules
 * inferred from a baseline, rule by rule (a declared {@code max_null_fraction} replaces the
 * inferred one while an inferred range still applies).
 */
record ColumnPlan(
    String column,
    OptionalDouble maxNullFraction,
    RuleOrigin nullOrigin,
    OptionalDouble min,
    RuleOrigin minOrigin,
    OptionalDouble max,
    RuleOrigin maxOrigin,
    List<String> allowedValues,
    RuleOrigin allowedOrigin) {

  static ColumnPlan merge(String column, Optional<ColumnRules> declared, Optional<ColumnRules> inferred) {
    ColumnRules d = declared.orElse(new ColumnRules(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), List.of()));
    ColumnRules i = inferred.orElse(new ColumnRules(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), List.of()));
    return new ColumnPlan(
        column,
        d.maxNullFraction().isPresent() ? d.maxNullFraction() : i.maxNullFraction(),
        d.maxNullFraction().isPresent() ? RuleOrigin.DECLARED : RuleOrigin.INFERRED,
        d.min().isPresent() ? d.min() : i.min(),
        d.min().isPresent() ? RuleOrigin.DECLARED : RuleOrigin.INFERRED,
        d.max().isPresent() ? d.max() : i.max(),
        d.max().isPresent() ? RuleOrigin.DECLARED : RuleOrigin.INFERRED,
        d.allowedValues().isEmpty() ? i.allowedValues() : d.allowedValues(),
        d.allowedValues().isEmpty() ? RuleOrigin.INFERRED : RuleOrigin.DECLARED);
  }

  boolean hasRange() {
    return min.isPresent() || max.isPresent();
  }

  /** The origin of the range as a whole: declared if either bound is. */
  RuleOrigin rangeOrigin() {
    return (min.isPresent() && minOrigin == RuleOrigin.DECLARED) || (max.isPresent() && maxOrigin == RuleOrigin.DECLARED)
        ? RuleOrigin.DECLARED
        : RuleOrigin.INFERRED;
  }

  /** {@code [0.0, 1.0]}, {@code [0.0, +inf)}... */
  String rangeText() {
    return (min.isPresent() ? "[" + Formats.number(min.getAsDouble()) : "(-inf")
        + ", "
        + (max.isPresent() ? Formats.number(max.getAsDouble()) + "]" : "+inf)");
  }
}
