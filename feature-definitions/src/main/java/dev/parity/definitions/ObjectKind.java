package dev.parity.definitions;

/** The kinds of named objects in a feature repository, each with its own version. */
public enum ObjectKind {
  ENTITY("entity"),
  SOURCE("source"),
  FEATURE_VIEW("feature_view"),
  ON_DEMAND_FEATURE_VIEW("on_demand_feature_view"),
  FEATURE_SERVICE("feature_service"),
  /** A trigger of the continuous-training loop (docs/triggers.md); it names a feature service. */
  TRIGGER("trigger");

  private final String label;

  ObjectKind(String label) {
    this.label = label;
  }

  /** The name used in canonical forms, plans and registries, e.g. {@code feature_view}. */
  public String label() {
    return label;
  }

  /** Human wording for messages, e.g. {@code feature view}. */
  public String description() {
    return this == ON_DEMAND_FEATURE_VIEW ? "on-demand feature view" : label.replace('_', ' ');
  }

  @Override
  public String toString() {
    return label;
  }
}
