package dev.parity.online.serving;

import static java.util.Objects.requireNonNull;

import dev.parity.online.FeatureValue;
import java.util.AbstractList;
import java.util.List;

/**
 * One result column of a lookup: per entity row (in request order) the value, its status and the
 * event time of the stored row it came from, as Feast's {@code FeatureVector} ({@code values},
 * {@code statuses}, {@code event_timestamps}).
 *
 * <p>Join key columns echo the (coerced) keys as {@code PRESENT} with {@link
 * FeatureValue#NO_EVENT_TIME}; Feast prints such a missing time as {@code 1970-01-01T00:00:00Z}.
 */
public record FeatureVector(List<FeatureValue> entries) {
  public FeatureVector {
    entries = List.copyOf(requireNonNull(entries, "entries are null"));
  }

  /** Number of entity rows. */
  public int size() {
    return entries.size();
  }

  public FeatureValue entry(int row) {
    return entries.get(row);
  }

  /** The values, {@code null} where the status is not {@code PRESENT}. */
  public List<Object> values() {
    return new AbstractList<>() {
      @Override
      public Object get(int index) {
        return entries.get(index).value();
      }

      @Override
      public int size() {
        return entries.size();
      }
    };
  }

  public List<FeatureValue.Status> statuses() {
    return entries.stream().map(FeatureValue::status).toList();
  }

  /** Event times in microseconds since the epoch (UTC); {@link FeatureValue#NO_EVENT_TIME} for none. */
  public List<Long> eventTimestamps() {
    return entries.stream().map(FeatureValue::eventTimeMicros).toList();
  }
}
