package dev.parity.client;

/** The status of one looked-up value, as the server reports it (docs/online.md). */
public enum FeatureStatus {
  /** A value is stored, young enough and of the current definition version. */
  PRESENT,
  /** The stored row is young enough and current, and this feature is null in it. */
  NULL_VALUE,
  /**
   * Nothing is stored for this entity and view (never written, or expired). The value is null, or
   * the feature's declared default ({@link FeatureValue#isDefault}).
   */
  NOT_FOUND,
  /**
   * The stored row is older than the view's ttl at the time of the lookup. The value is null, or
   * the feature's declared default ({@link FeatureValue#isDefault}).
   */
  OUTSIDE_MAX_AGE,
  /** The stored row was written under another definition version; its value is withheld. */
  VERSION_MISMATCH,
  /**
   * Set by the client, never by the server: the server could not be reached and the lookup was
   * asked to {@linkplain LookupRequest#degradeToDefaults() degrade}. The value is the feature's
   * declared default, as the server would have served it for a missing row ({@link
   * FeatureValue#isClientDefault}), or null when the feature declares none.
   */
  UNAVAILABLE,
  /**
   * A status this client version does not know (a newer server's); the value, if any, is kept. So
   * that a server upgrade does not break older clients' lookups.
   */
  OTHER;

  /**
   * Whether the value is a stored one: only {@link #PRESENT}. (A declared default may still come
   * with {@link #NOT_FOUND} or {@link #OUTSIDE_MAX_AGE}: see {@link FeatureValue#isDefault}.)
   */
  public boolean hasValue() {
    return this == PRESENT;
  }

  static FeatureStatus parse(String name) {
    return switch (name) {
      case "PRESENT" -> PRESENT;
      case "NULL_VALUE" -> NULL_VALUE;
      case "NOT_FOUND" -> NOT_FOUND;
      case "OUTSIDE_MAX_AGE" -> OUTSIDE_MAX_AGE;
      case "VERSION_MISMATCH" -> VERSION_MISMATCH;
      // UNAVAILABLE is the client's own: a server sending it is a newer one meaning something else.
      default -> OTHER;
    };
  }
}
