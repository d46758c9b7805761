package dev.parity.offline.validation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one validation rule.
 *
 * @param name the rule: {@code column} (presence and type), {@code row_count_min}, {@code
 *     row_count_max}, {@code freshness}, {@code max_null_fraction}, {@code min}, {@code max},
 *     {@code nan} (NaN values in a column with a declared range) or {@code allowed_values}
 * @param column the column checked, if the rule is about one
 * @param expected what the rule accepts, as text
 * @param actual what the data holds, as text
 * @param passed whether the data satisfies the rule
 * @param offendingRows rows violating the rule (0 for rules not about rows)
 * @param sample a few distinct offending values, as text
 * @param origin where the rule comes from
 * @param message one readable sentence, e.g. {@code conv_rate: null fraction 0.14 > max 0.10}
 */
public record ValidationCheck(
    String name,
    Optional<String> column,
    String expected,
    String actual,
    boolean passed,
    long offendingRows,
    List<String> sample,
    RuleOrigin origin,
    String message) {
  public ValidationCheck {
    requireNonNull(name, "name is null");
    requireNonNull(column, "column is null");
    requireNonNull(expected, "expected is null");
    requireNonNull(actual, "actual is null");
    sample = List.copyOf(requireNonNull(sample, "sample is null"));
    requireNonNull(origin, "origin is null");
    requireNonNull(message, "message is null");
    if (offendingRows < 0) {
      throw new IllegalArgumentException("offendingRows is negative");
    }
  }

  /** The report line: a check mark or cross, the message, and {@code [baseline]} for inferred rules. */
  public String line() {
    return (passed ? "✓ " : "✗ ") + message + (origin == RuleOrigin.INFERRED ? " [baseline]" : "");
  }
}
