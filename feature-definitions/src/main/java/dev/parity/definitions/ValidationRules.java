package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Data validation declared on a feature view, checked before training sets and materialization.
 *
 * @param rowCount bounds on the rows read from the source for the run
 * @param freshness the newest event timestamp may be at most this old at run time
 * @param columns rules per source column, in declaration order
 * @param baseline optional reference dataset (repository-relative) rules are inferred from
 */
public record ValidationRules(
    Optional<RowCountRule> rowCount, Optional<Duration> freshness, Map<String, ColumnRules> columns, Optional<String> baseline) {
  public ValidationRules {
    requireNonNull(rowCount, "rowCount is null");
    requireNonNull(freshness, "freshness is null");
    requireNonNull(baseline, "baseline is null");
    freshness.ifPresent(
        f -> {
          if (f.isNegative() || f.isZero()) {
            throw new IllegalArgumentException("freshness must be positive");
          }
        });
    baseline = baseline.map(Source::normalizePath);
    Map<String, ColumnRules> copy = new LinkedHashMap<>();
    requireNonNull(columns, "columns is null")
        .forEach((column, rules) -> copy.put(requireNonNull(column, "column is null"), requireNonNull(rules, "rules of " + column)));
    columns = Collections.unmodifiableMap(copy);
  }
}
