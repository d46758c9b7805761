package dev.parity.online;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;

/**
 * A join key of an online view: its name in entity rows and its type. {@code float64} is not a
 * valid join key type (floating-point equality is not an identity), every other type is.
 */
public record KeyColumn(String name, DataType type) {
  public KeyColumn {
    requireNonNull(name, "join key name is null");
    requireNonNull(type, "type of join key " + name + " is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("join key name is blank");
    }
    if (type == DataType.FLOAT64) {
      throw new IllegalArgumentException("join key " + name + " cannot be float64");
    }
  }
}
