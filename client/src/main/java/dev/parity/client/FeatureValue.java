package dev.parity.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One looked-up value with its status, event time and age.
 *
 * @param name the feature's name as the answer has it ({@code conv_rate}, or {@code
 *     driver_hourly_stats__conv_rate} with full feature names)
 * @param value the value as JSON carried it: {@code Long} (int64, and timestamps as microseconds
 *     since the epoch), {@code Double} (float64; NaN and infinities come as the strings {@code
 *     "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), {@code String}, {@code Boolean}, or
 *     {@code null} when the status is not {@link FeatureStatus#PRESENT}, except that a feature
 *     with a declared {@code default:} carries it when {@link FeatureStatus#NOT_FOUND} or {@link
 *     FeatureStatus#OUTSIDE_MAX_AGE} ({@link #isDefault}), or when {@link FeatureStatus#UNAVAILABLE}
 *     (a client-side default, {@link #isClientDefault})
 * @param status the server's status for it, or {@link FeatureStatus#UNAVAILABLE} when the client
 *     degraded
 * @param eventTime the event time of the stored row it came from; empty for join keys,
 *     on-demand values without one and values not found
 * @param age how old the value was when the answer was received ({@code receivedAt - eventTime}),
 *     when it has an event time
 */
public record FeatureValue(String name, Object value, FeatureStatus status, Optional<Instant> eventTime,
    Optional<Duration> age) {
  public FeatureValue {
    requireNonNull(name, "name is null");
    requireNonNull(status, "status is null");
    requireNonNull(eventTime, "eventTime is null");
    requireNonNull(age, "age is null");
  }

  /**
   * Whether the value is the feature's declared default, served in place of a missing one: the
   * status says why it was missing ({@link FeatureStatus#NOT_FOUND} or {@link
   * FeatureStatus#OUTSIDE_MAX_AGE}), as the training set has the same default in the same cells;
   * or {@link FeatureStatus#UNAVAILABLE} when the client served it itself ({@link #isClientDefault}).
   */
  public boolean isDefault() {
    return value != null && (status == FeatureStatus.NOT_FOUND || status == FeatureStatus.OUTSIDE_MAX_AGE
        || status == FeatureStatus.UNAVAILABLE);
  }

  /**
   * Whether the value is the feature's declared default served by the client because the server
   * could not be reached ({@link LookupRequest#degradeToDefaults()}): the same value the server
   * and the training set have for a missing row.
   */
  public boolean isClientDefault() {
    return value != null && status == FeatureStatus.UNAVAILABLE;
  }
}
