package dev.parity.definitions;

import java.util.Optional;

/**
 * Side index from definition elements to where they are written, so that errors found on the
 * model point at the YAML. Elements are named by paths such as {@code feature_view/v},
 * {@code feature_view/v/features/f/expr}, {@code feature_view/v/entities/driver},
 * {@code feature_service/s/features/v/f}. Implementations must be thread-safe once built.
 */
public interface DefinitionLocator {
  /**
   * Where {@code path} (or its nearest known ancestor) is written; {@code offset} is a character
   * offset inside a scalar's value (an expression), 0 for the element itself.
   */
  Optional<Location> locate(String path, int offset);

  /**
   * Whether an object of this key was declared but could not be read (its errors are already
   * reported): references to it are then not reported as unknown.
   */
  boolean isUnreadable(ObjectKey key);

  /** No positions: errors name the element path. */
  static DefinitionLocator none() {
    return new DefinitionLocator() {
      @Override
      public Optional<Location> locate(String path, int offset) {
        return Optional.empty();
      }

      @Override
      public boolean isUnreadable(ObjectKey key) {
        return false;
      }
    };
  }
}
