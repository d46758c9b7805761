package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/** Accepted number of rows read from a source for one run (bounds inclusive). */
public record RowCountRule(OptionalLong min, OptionalLong max) {
  public RowCountRule {
    requireNonNull(min, "min is null");
    requireNonNull(max, "max is null");
    if (min.isPresent() && min.getAsLong() < 0) {
      throw new IllegalArgumentException("row_count min must not be negative");
    }
    if (min.isPresent() && max.isPresent() && min.getAsLong() > max.getAsLong()) {
      throw new IllegalArgumentException("row_count min must not be greater than max");
    }
  }
}
