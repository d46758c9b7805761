package dev.parity.client;

/**
 * A typed getter of {@link FeatureRow} was asked for what the row does not have: a feature name
 * the answer has no column for, a value of another type than the getter's (never converted
 * silently), or a value that is absent (its status is not {@link FeatureStatus#PRESENT}) from a
 * getter that returns a primitive. The message names the feature, the row and what was there.
 */
public final class FeatureAccessException extends ParityClientException {
  /** What was wrong with the access. */
  public enum Reason {
    /** No column of the answer has that name. */
    UNKNOWN_NAME,
    /** The value is of another type than the getter's. */
    WRONG_TYPE,
    /** There is no value (use the getter's {@code OrNull} or {@code OrElse} form). */
    NO_VALUE
  }

  private final Reason reason;

  FeatureAccessException(Reason reason, String message) {
    super(message, 0, null);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
