package dev.parity.offline.validation;

import dev.parity.definitions.DataType;
import java.util.Optional;

/**
 * The physical type of a column in one file ({@code int32}, {@code float64}, {@code uint32}...) and
 * the Parity type it reads as after widening; empty when Parity cannot read it.
 */
record ColumnType(String name, Optional<DataType> readsAs) {
  static ColumnType readable(String name, DataType type) {
    return new ColumnType(name, Optional.of(type));
  }

  static ColumnType unreadable(String name) {
    return new ColumnType(name, Optional.empty());
  }

  /** {@code int32 (read as int64)} or just {@code int64}. */
  String describe() {
    return readsAs.map(t -> t.yamlName().equals(name) ? name : name + " (read as " + t + ")").orElse(name + " (not readable)");
  }
}
