package dev.parity.online;

import static java.util.Objects.requireNonNull;

/**
 * One looked-up value with its status and the event time of the stored row.
 *
 * @param value the value when {@link Status#PRESENT}; the feature's declared default when {@link
 *     Status#NOT_FOUND} or {@link Status#OUTSIDE_MAX_AGE} and it declares one (the status kept, so
 *     the caller still sees why); otherwise {@code null}: a lookup never returns a value that is
 *     too old or was written under another definition version
 * @param eventTimeMicros event time of the stored row (microseconds since the epoch, UTC), or
 *     {@link #NO_EVENT_TIME} when {@link Status#NOT_FOUND}
 */
public record FeatureValue(Object value, Status status, long eventTimeMicros) {

  /** Event time reported when nothing is stored. */
  public static final long NO_EVENT_TIME = Long.MIN_VALUE;

  private static final FeatureValue NOT_FOUND = new FeatureValue(null, Status.NOT_FOUND, NO_EVENT_TIME);

  /** Status of a looked-up value, as in Feast's feature server plus version fencing. */
  public enum Status {
    /** A value is stored, young enough and of the current version. */
    PRESENT,
    /** The stored row is young enough and current, and this feature is null in it. */
    NULL_VALUE,
    /** Nothing is stored for this entity and view (never written, or expired in Redis). */
    NOT_FOUND,
    /** The stored row is older than the view's ttl at read time ({@code now - event_time > ttl}). */
    OUTSIDE_MAX_AGE,
    /**
     * The stored row was written under another definition version (or schema) of the view than
     * the one asked for; its value is withheld rather than mixed in.
     */
    VERSION_MISMATCH
  }

  public FeatureValue {
    requireNonNull(status, "status is null");
    if (value != null && (status == Status.NULL_VALUE || status == Status.VERSION_MISMATCH)) {
      throw new IllegalArgumentException("a " + status + " value carries no value");
    }
  }

  public static FeatureValue notFound() {
    return NOT_FOUND;
  }
}
