package dev.parity.definitions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How values in requests are read where a client may spell them in more than one way: times as
 * Feast's clients send them, and int64 ids sent as strings. The one reading every path shares
 * (push, Feast's write to the online store, lookups' request data, job requests), so a time the
 * server takes on one endpoint it takes on all. Stateless.
 *
 * <p>Times: an ISO-8601 date-time with an offset or {@code Z}, or without one, which is taken as
 * UTC (Feast's SDK sends {@code _to_naive_utc(ts).isoformat()}); {@code T} or a space between
 * date and time; any number of fraction digits (below the microsecond they are dropped by the
 * callers that store microseconds). A number is seconds since the epoch, possibly fractional.
 */
public final class RequestValues {
  /** How an accepted time looks, for error messages. */
  public static final String TIME_FORMS = "an ISO-8601 time such as 2026-01-31T00:00:00Z (without an offset it is "
      + "taken as UTC; 'T' or a space before the time) or a number of seconds since the epoch";
  /** What {@link #int64Id} takes, for error messages. */
  public static final String INT64_ID_FORM = "a string id for an int64 join key is taken when it is a decimal "
      + "integer in the range of int64, without spaces, '+' or leading zeros (such as \"1001\")";
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);

  private RequestValues() {}

  /**
   * {@code value} as a time: a string as described above, a number as epoch seconds ({@link
   * Number}: {@code BigDecimal}, {@code Long}, {@code Integer}, {@code Double}...), an {@link
   * Instant} as it is; empty for anything else, a string that is not such a time, or a number
   * beyond the range of {@link Instant}.
   */
  public static Optional<Instant> time(Object value) {
    if (value instanceof Instant instant) {
      return Optional.of(instant);
    }
    if (value instanceof String text) {
      return time(text);
    }
    if (value instanceof Number number && !(value instanceof Double d && !Double.isFinite(d))
        && !(value instanceof Float f && !Float.isFinite(f))) {
      return epochSeconds(number instanceof BigDecimal big ? big : new BigDecimal(number.toString()));
    }
    return Optional.empty();
  }

  private static Optional<Instant> time(String raw) {
    String text = raw.strip();
    if (text.length() > 10 && text.charAt(10) == ' ') {
      text = text.substring(0, 10) + 'T' + text.substring(11).stripLeading();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException withoutOffset) {
      try {
        return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException notATime) {
        return Optional.empty();
      }
    }
  }

  private static Optional<Instant> epochSeconds(BigDecimal seconds) {
    try {
      BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
      long nanos = seconds.subtract(whole).multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.DOWN).longValueExact();
      return Optional.of(Instant.ofEpochSecond(whole.longValueExact(), nanos));
    } catch (ArithmeticException | DateTimeException outOfRange) {
      return Optional.empty();
    }
  }

  /**
   * An int64 id sent as a string: {@code "1001"} is 1001. Only the canonical decimal spelling is
   * taken ({@code 0}, or digits not starting with 0, after an optional {@code -}), within the
   * range of int64, so that two different strings never name the same key; {@code " 7"}, {@code
   * "007"}, {@code "+7"}, {@code "7.0"} and {@code "1e3"} are refused.
   *
   * @return the id, or empty if {@code text} is not one
   */
  public static Optional<Long> int64Id(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    int length = text.length() - start;
    if (length == 0 || length > 19 || (text.charAt(start) == '0' && (length > 1 || start == 1))) {
      return Optional.empty();
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
    }
    BigInteger value = new BigInteger(text);
    return value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0 ? Optional.empty()
        : Optional.of(value.longValue());
  }

}
