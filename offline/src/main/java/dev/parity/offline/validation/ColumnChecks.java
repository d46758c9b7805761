package dev.parity.offline.validation;

import dev.parity.definitions.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a column's statistics into the checks of its rules, in a fixed order. */
final class ColumnChecks {
  private ColumnChecks() {}

  static List<ValidationCheck> of(ColumnStats stats) {
    List<ValidationCheck> checks = new ArrayList<>();
    ColumnPlan plan = stats.plan().orElseThrow();
    String c = stats.column;
    plan.maxNullFraction().ifPresent(limit -> {
      double fraction = stats.rows == 0 ? 0.0 : (double) stats.nulls / stats.rows;
      boolean passed = fraction <= limit;
      String message = c + ": null fraction " + Formats.fraction(fraction) + (passed ? " <= max " : " > max ") + Formats.fraction(limit)
          + (passed ? "" : " (" + stats.nulls + " of " + Formats.rows(stats.rows) + ")");
      checks.add(check("max_null_fraction", c, "<= " + Formats.fraction(limit), Formats.fraction(fraction), passed,
          passed ? 0 : stats.nulls, List.of(), plan.nullOrigin(), message));
    });
    if (isNumeric(stats.type)) {
      plan.min().ifPresent(min -> checks.add(bound(stats, "min", min, stats.minText, stats.belowMin, plan.minOrigin())));
      plan.max().ifPresent(max -> checks.add(bound(stats, "max", max, stats.maxText, stats.aboveMax, plan.maxOrigin())));
      if (plan.hasRange() && stats.type == DataType.FLOAT64) {
        boolean passed = stats.nan.count() == 0;
        String message = passed ? c + ": no NaN values" : c + ": " + stats.nan.count() + " NaN values, outside " + plan.rangeText();
        checks.add(check("nan", c, "no NaN", stats.nan.count() + " NaN", passed, stats.nan.count(), stats.nan.sample(),
            plan.rangeOrigin(), message));
      }
    }
    if (!plan.allowedValues().isEmpty()) {
      String list = Formats.list(plan.allowedValues());
      boolean passed = stats.notAllowed.count() == 0;
      String message = passed ? c + ": all values in " + list : c + ": " + Formats.rows(stats.notAllowed.count()) + " not in " + list + ", e.g. "
          + String.join(", ", stats.notAllowed.sample());
      checks.add(check("allowed_values", c, "in " + list, passed ? "all allowed" : stats.notAllowed.count() + " not allowed", passed,
          stats.notAllowed.count(), stats.notAllowed.sample(), plan.allowedOrigin(), message));
    }
    return checks;
  }

  private static ValidationCheck bound(ColumnStats stats, String name, double limit, String observed, Offenders offenders, RuleOrigin origin) {
    String c = stats.column;
    boolean low = name.equals("min");
    // An int64 column's whole bound reads as an integer, like its values.
    String bound = stats.type == DataType.INT64 && limit == Math.rint(limit) && Math.abs(limit) < 1e15
        ? Long.toString((long) limit)
        : Formats.number(limit);
    String expected = (low ? ">= " : "<= ") + bound;
    if (stats.values == 0) {
      return check(name, c, expected, "no values", true, 0, List.of(), origin,
          c + ": no values to check against " + name + " " + bound);
    }
    boolean passed = offenders.count() == 0;
    String message = passed
        ? c + ": " + name + " " + observed + (low ? " >= " : " <= ") + bound
        : c + ": " + name + " " + observed + (low ? " < " : " > ") + bound + " (" + offenders.describe() + ")";
    return check(name, c, expected, observed, passed, offenders.count(), offenders.sample(), origin, message);
  }

  private static boolean isNumeric(DataType type) {
    return type == DataType.INT64 || type == DataType.FLOAT64;
  }

  static ValidationCheck check(String name, String column, String expected, String actual, boolean passed, long offending,
      List<String> sample, RuleOrigin origin, String message) {
    return new ValidationCheck(name, Optional.ofNullable(column), expected, actual, passed, offending, sample, origin, message);
  }
}
