package dev.parity.offline.validation;

/** Where the rule behind a {@link ValidationCheck} comes from. */
public enum RuleOrigin {
  /** What the view's definition needs of its source: columns and their types. */
  DEFINITION,
  /** Declared in the view's {@code validation:} block. */
  DECLARED,
  /** Inferred from the {@code baseline:} reference dataset. */
  INFERRED;

  /** Lower-case name, as written in JSON. */
  String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
