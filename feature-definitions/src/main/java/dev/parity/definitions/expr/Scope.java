package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;
import java.util.Map;
import java.util.Optional;

/**
 * The names an expression may read and their types: source columns ({@code fare}), request data
 * ({@code val_to_add}) and features of other views ({@code driver_hourly_stats.conv_rate}).
 */
@FunctionalInterface
public interface Scope {
  Optional<DataType> typeOf(String name);

  static Scope of(Map<String, DataType> types) {
    Map<String, DataType> copy = Map.copyOf(types);
    return name -> Optional.ofNullable(copy.get(name));
  }
}
