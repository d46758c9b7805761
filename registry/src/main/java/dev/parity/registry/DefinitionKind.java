package dev.parity.registry;

import java.util.Arrays;
import java.util.Locale;

/** The kinds of definition objects the registry stores (docs/repository.md). */
public enum DefinitionKind {
  ENTITY,
  SOURCE,
  FEATURE_VIEW,
  ON_DEMAND_FEATURE_VIEW,
  FEATURE_SERVICE,
  /** A trigger of the continuous-training loop; it depends on the feature service it names. */
  TRIGGER;

  /** The name stored in the database and shown to users, e.g. {@code feature_view}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind with the given {@link #id()}.
   *
   * @throws IllegalArgumentException for an unknown id, listing the known ones
   */
  public static DefinitionKind fromId(String id) {
    for (DefinitionKind kind : values()) {
      if (kind.id().equals(id)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown definition kind '" + id + "', expected one of "
        + Arrays.stream(values()).map(DefinitionKind::id).toList());
  }
}
