package dev.parity.online;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One entity of a lookup: join key name to value. A row may carry the keys of several entities
 * (say {@code driver_id} and {@code customer_id}); each view takes the keys it is joined on.
 */
public record EntityRow(Map<String, Object> keys) {
  public EntityRow {
    keys = Map.copyOf(requireNonNull(keys, "entity keys are null"));
  }

  public static EntityRow of(String key, Object value) {
    return new EntityRow(Map.of(key, value));
  }
}
