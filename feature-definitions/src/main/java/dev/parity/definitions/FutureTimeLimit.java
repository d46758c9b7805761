package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Time sanity: the one rule for event and created times from the future, which the online and the
 * offline path both apply so that they agree.
 *
 * <p><b>The rule.</b> A source row whose event time or created time is later than {@code now +
 * max_future_skew} ({@link #latest()}) is not taken as data. A clock that runs a little ahead is
 * tolerated by the skew ({@code max_future_skew} in {@code parity.yaml}, default 5 minutes, see
 * {@link RepositoryConfig#maxFutureSkew()}); a time beyond
 * it is a mistake (a wrong unit, a year typed as {@code +99999}) that would otherwise win every
 * newer-wins comparison online for good and expire from Redis in thousands of years. A null
 * created time is never beyond the limit. {@code now} is read once per push or run from an
 * injected {@link Clock}.
 *
 * <ul>
 *   <li><b>Push</b> refuses such rows: nothing is written, and the error names the row, the
 *       column and the limit.
 *   <li><b>Materialization</b> skips such source rows and counts them, per view: an entity's
 *       value comes from its latest row that is not beyond the limit.
 *   <li><b>Training sets</b> ignore such source rows in the same way, with {@code now} the time
 *       the run starts, and count them per view.
 * </ul>
 *
 * <p>The counts are of the rows a run would otherwise have used: rows whose event time lies in
 * the range the run reads (up to its latest entity time or materialization end) and that pass
 * the other filters ({@code --as-of-created}). A run whose range ends before the limit never
 * reaches a row with a future event time (the point-in-time rule already leaves it out), so only
 * future created times can be counted there.
 *
 * @param now the time the push or run started
 * @param maxFutureSkew how far past {@code now} a time may lie; zero or positive
 */
public record FutureTimeLimit(Instant now, Duration maxFutureSkew) {
  /** {@code max_future_skew} when {@code parity.yaml} does not set it. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  public FutureTimeLimit {
    requireNonNull(now, "now is null");
    requireNonNull(maxFutureSkew, "maxFutureSkew is null");
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("max future skew " + maxFutureSkew + " is negative");
    }
  }

  /** The limit at {@code clock}'s current instant. */
  public static FutureTimeLimit at(Clock clock, Duration maxFutureSkew) {
    return new FutureTimeLimit(requireNonNull(clock, "clock is null").instant(), maxFutureSkew);
  }

  /** The latest acceptable time: {@code now + maxFutureSkew}, at most {@link Instant#MAX}. */
  public Instant latest() {
    return Duration.between(now, Instant.MAX).compareTo(maxFutureSkew) <= 0 ? Instant.MAX : now.plus(maxFutureSkew);
  }

  /** {@link #latest()} in UTC microseconds, saturated to {@code Long.MAX_VALUE}. */
  public long latestMicros() {
    Instant latest = latest();
    long seconds = latest.getEpochSecond();
    if (seconds >= Long.MAX_VALUE / 1_000_000L) {
      return Long.MAX_VALUE;
    }
    if (seconds <= Long.MIN_VALUE / 1_000_000L) {
      return Long.MIN_VALUE;
    }
    return seconds * 1_000_000L + latest.getNano() / 1_000;
  }

  /** Whether a time of {@code micros} (UTC microseconds) is beyond the limit. */
  public boolean isBeyond(long micros) {
    return micros > latestMicros();
  }

  /** {@code 2026-01-31T00:05:00Z (now + max_future_skew 5m)}, for messages. */
  public String describe() {
    return latest() + " (now + max_future_skew " + Durations.format(maxFutureSkew) + ")";
  }
}
