package dev.parity.reports.consistency;

/**
 * Why a served value differs from the offline value at the same time. Causes are tried in
 * declaration order and the first that explains the mismatch is given.
 */
public enum MismatchCause {
  /**
   * The value was served under another definition version of its view (or of a view an on-demand
   * feature reads) than the one the offline path computes with: a transformation changed after
   * the value was materialized or served.
   */
  DEFINITION_VERSION_DIFFERS("definition version differs"),
  /**
   * The online path served the feature's declared default instead of a stored value (a value
   * served with status {@code NOT_FOUND} or {@code OUTSIDE_MAX_AGE}), and the offline path has
   * another value.
   */
  DECLARED_DEFAULT_APPLIED("declared default applied"),
  /** The store held a value older than the view's ttl at serving time, so none was served. */
  TTL_EXPIRED("ttl expired"),
  /**
   * Nothing was materialized for this entity: no materialization of the view had finished by
   * then, or the one that had found no value for the entity.
   */
  NEVER_MATERIALIZED("never materialized"),
  /**
   * The served value equals the offline value at the end of the view's last materialization
   * before serving: the online store is behind the offline data.
   */
  MATERIALIZATION_LAG("materialization lag"),
  /** None of the above: the same inputs give another value. A real skew bug. */
  VALUE_DIFFERS("value differs");

  private final String label;

  MismatchCause(String label) {
    this.label = label;
  }

  /** How reports name the cause. */
  public String label() {
    return label;
  }
}
