package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of a source and their physical types, as declared or as read from its files.
 *
 * @param columns column name to type, in file order
 */
public record SourceSchema(Map<String, SourceColumnType> columns) {
  public SourceSchema {
    Map<String, SourceColumnType> copy = new LinkedHashMap<>();
    requireNonNull(columns, "columns is null").forEach((c, t) -> copy.put(requireNonNull(c), requireNonNull(t)));
    columns = Collections.unmodifiableMap(copy);
  }

  public Optional<SourceColumnType> column(String name) {
    return Optional.ofNullable(columns.get(name));
  }
}
