package dev.parity.offline;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;

/**
 * A named, typed column: a join key of a view, or a declared column of a CSV input.
 *
 * @param name column name as it appears in the input
 * @param type Parity type the column holds
 */
public record ColumnSpec(String name, DataType type) {
  public ColumnSpec {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("column name is empty");
    }
  }
}
