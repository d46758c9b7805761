package dev.parity.offline.validation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The event times a run reads: {@code [start, end]}, both inclusive, either side open when absent.
 *
 * @param start earliest event time read, if bounded
 * @param end latest event time read, if bounded; also the reference time of freshness checks
 */
public record EventInterval(Optional<Instant> start, Optional<Instant> end) {
  public EventInterval {
    requireNonNull(start, "start is null");
    requireNonNull(end, "end is null");
    if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
      throw new IllegalArgumentException("interval start " + start.get() + " is after its end " + end.get());
    }
  }

  /** Every event time. */
  public static EventInterval all() {
    return new EventInterval(Optional.empty(), Optional.empty());
  }

  /**
   * {@code [start, end]}.
   *
   * @throws IllegalArgumentException if {@code start} is after {@code end}
   */
  public static EventInterval between(Instant start, Instant end) {
    return new EventInterval(Optional.of(start), Optional.of(end));
  }

  /** Every event time up to and including {@code end}. */
  public static EventInterval until(Instant end) {
    return new EventInterval(Optional.empty(), Optional.of(end));
  }

  @Override
  public String toString() {
    return start.map(s -> "[" + s).orElse("(-inf") + ", " + end.map(e -> e + "]").orElse("+inf)");
  }
}
