package dev.parity.definitions;

import java.util.List;

/**
 * What features are about (a driver, a customer), identified by its join keys: the columns of
 * sources and entity tables, and the keys of online lookups.
 *
 * @param name identifier, unique among entities
 * @param joinKeys one or more distinct identifiers, in key order
 */
public record Entity(String name, List<String> joinKeys) {
  public Entity {
    Names.requireIdentifier(name, "entity name");
    joinKeys = Names.identifierList(joinKeys, "join key");
    if (joinKeys.isEmpty()) {
      throw new IllegalArgumentException("entity '" + name + "' has no join keys");
    }
  }

  /** An entity with the given join keys. */
  public static Entity of(String name, String... joinKeys) {
    return new Entity(name, List.of(joinKeys));
  }
}
