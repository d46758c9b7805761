package dev.parity.definitions;

import java.util.ArrayList;
import java.util.List;

/** Collects semantic errors, placing each through the locator. Not thread-safe. */
final class Problems {
  private final DefinitionLocator locator;
  private final List<DefinitionError> errors = new ArrayList<>();

  Problems(DefinitionLocator locator) {
    this.locator = locator;
  }

  DefinitionLocator locator() {
    return locator;
  }

  void error(String path, String message) {
    error(path, 0, message);
  }

  void error(String path, int offset, String message) {
    errors.add(
        locator
            .locate(path, offset)
            .map(location -> DefinitionError.at(location, message))
            .orElseGet(() -> new DefinitionError(path, 0, 0, message)));
  }

  /** Whether an object was declared but unreadable, so references to it are not errors. */
  boolean isUnreadable(ObjectKind kind, String name) {
    return locator.isUnreadable(new ObjectKey(kind, name));
  }

  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new DefinitionException(errors);
    }
  }

  static String path(ObjectKind kind, String name, String... rest) {
    StringBuilder path = new StringBuilder(kind.label()).append('/').append(name);
    for (String part : rest) {
      path.append('/').append(part);
    }
    return path.toString();
  }
}
