package dev.parity.offline.validation;

import dev.parity.definitions.DataType;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Statistics of one column over the rows of a run, and the rows that break its rules: nulls, the
 * smallest and largest number (NaN aside), NaN count, and for inference the distinct strings up to
 * a limit (beyond it only the fact that there are more is kept, so memory stays bounded). Not
 * thread-safe.
 */
final class ColumnStats {
  final String column;
  final DataType type;
  private final Optional<ColumnPlan> plan;
  private final Optional<AllowedValues> allowed;
  private final int distinctLimit;

  long rows;
  long nulls;
  long nans;
  long values;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  String minText;
  String maxText;
  final Offenders belowMin = new Offenders();
  final Offenders aboveMax = new Offenders();
  final Offenders nan = new Offenders();
  final Offenders notAllowed = new Offenders();
  private final Set<String> distinct = new HashSet<>();
  private boolean distinctOverflow;

  /**
   * @param plan the rules to count violations of, if any
   * @param distinctLimit distinct strings to track (0: none)
   */
  ColumnStats(String column, DataType type, Optional<ColumnPlan> plan, int distinctLimit) {
    this.column = column;
    this.type = type;
    this.plan = plan;
    this.allowed = plan.filter(p -> !p.allowedValues().isEmpty()).map(p -> new AllowedValues(p.allowedValues(), type));
    this.distinctLimit = type == DataType.STRING ? distinctLimit : 0;
  }

  Optional<ColumnPlan> plan() {
    return plan;
  }

  void accept(ColumnValues batch, int row) {
    rows++;
    if (batch.nulls[row]) {
      nulls++;
      return;
    }
    if (type == DataType.INT64 || type == DataType.FLOAT64) {
      number(batch, row);
    }
    if (allowed.isPresent() && !allowed.get().allows(batch, row)) {
      notAllowed.add(batch.text(row));
    }
    if (distinctLimit > 0 && !distinctOverflow && !distinct.contains(batch.strings[row])) {
      if (distinct.size() == distinctLimit) {
        distinctOverflow = true;
        distinct.clear();
      } else {
        distinct.add(batch.strings[row]);
      }
    }
  }

  private void number(ColumnValues batch, int row) {
    double value = type == DataType.INT64 ? (double) batch.longs[row] : batch.doubles[row];
    if (Double.isNaN(value)) {
      nans++;
      if (plan.isPresent() && plan.get().hasRange()) {
        nan.add("NaN");
      }
      return;
    }
    values++;
    if (value < min) {
      min = value;
      minText = batch.text(row);
    }
    if (value > max) {
      max = value;
      maxText = batch.text(row);
    }
    if (plan.isPresent() && plan.get().min().isPresent() && value < plan.get().min().getAsDouble()) {
      belowMin.add(batch.text(row));
    }
    if (plan.isPresent() && plan.get().max().isPresent() && value > plan.get().max().getAsDouble()) {
      aboveMax.add(batch.text(row));
    }
  }

  /** The distinct non-null strings, if there were at most the limit of them. */
  Optional<Set<String>> distinctValues() {
    return distinctOverflow || distinctLimit == 0 ? Optional.empty() : Optional.of(Set.copyOf(distinct));
  }
}
