package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Data validation rules for one source column.
 *
 * @param maxNullFraction largest accepted fraction of null values, in [0, 1]
 * @param min smallest accepted value (numeric columns)
 * @param max largest accepted value (numeric columns)
 * @param allowedValues accepted values written as text (as in the definition); empty: any
 */
public record ColumnRules(OptionalDouble maxNullFraction, OptionalDouble min, OptionalDouble max, List<String> allowedValues) {
  public ColumnRules {
    requireNonNull(maxNullFraction, "maxNullFraction is null");
    requireNonNull(min, "min is null");
    requireNonNull(max, "max is null");
    allowedValues = List.copyOf(requireNonNull(allowedValues, "allowedValues is null"));
    if (maxNullFraction.isPresent()
        && !(maxNullFraction.getAsDouble() >= 0 && maxNullFraction.getAsDouble() <= 1)) {
      throw new IllegalArgumentException("max_null_fraction must be between 0 and 1");
    }
    if (min.isPresent() && max.isPresent() && !(min.getAsDouble() <= max.getAsDouble())) {
      throw new IllegalArgumentException("min must not be greater than max");
    }
  }

  /** Whether a numeric range is declared. */
  public boolean hasRange() {
    return min.isPresent() || max.isPresent();
  }
}
