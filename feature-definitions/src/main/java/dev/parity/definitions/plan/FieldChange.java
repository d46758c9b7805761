package dev.parity.definitions.plan;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One changed field of an object's canonical form.
 *
 * @param path e.g. {@code features[trips_log].expr}, {@code source.path}, {@code ttl}
 * @param oldValue JSON text before, empty if the field was absent
 * @param newValue JSON text after, empty if the field is gone
 */
public record FieldChange(String path, Optional<String> oldValue, Optional<String> newValue) {
  public FieldChange {
    requireNonNull(path, "path is null");
    requireNonNull(oldValue, "oldValue is null");
    requireNonNull(newValue, "newValue is null");
  }

  /** {@code path: old -> new}, absent values shown as {@code (none)}. */
  @Override
  public String toString() {
    return path + ": " + oldValue.orElse("(none)") + " -> " + newValue.orElse("(none)");
  }
}
