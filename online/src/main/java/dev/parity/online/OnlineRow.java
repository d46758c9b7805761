package dev.parity.online;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;

/**
 * One row to write online: the join key values (in the view's key order), its event time, its
 * created time and the feature values (in the view's feature order, {@code null} for a null
 * value). Times are microseconds since the epoch in UTC, like {@code timestamp} values.
 *
 * <p>Values are {@code Boolean} for bool, {@code Long} (or a smaller integral box) for int64 and
 * timestamp, {@code Double} (or {@code Float}) for float64 and {@code String} for string. The
 * lists may hold nulls, so they are wrapped unmodifiable rather than copied with {@code
 * List.copyOf}; callers must not change them afterwards.
 *
 * @param createdTimeMicros tie-break between rows with the same event time; {@link
 *     #NO_CREATED_TIME} when the source has none
 */
public record OnlineRow(
    List<Object> joinKeyValues, long eventTimeMicros, long createdTimeMicros, List<Object> featureValues) {

  /** Created time of rows whose source has no created timestamp: older than any real one. */
  public static final long NO_CREATED_TIME = Long.MIN_VALUE;

  public OnlineRow {
    joinKeyValues = Collections.unmodifiableList(requireNonNull(joinKeyValues, "join key values are null"));
    featureValues = Collections.unmodifiableList(requireNonNull(featureValues, "feature values are null"));
  }

  /** A row without created time. */
  public static OnlineRow of(List<Object> joinKeyValues, long eventTimeMicros, List<Object> featureValues) {
    return new OnlineRow(joinKeyValues, eventTimeMicros, NO_CREATED_TIME, featureValues);
  }
}
