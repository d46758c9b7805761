package dev.parity.online.serving;

import dev.parity.definitions.DataType;
import dev.parity.definitions.RequestValues;
import dev.parity.online.OnlineRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * Strict conversion of request values (as a JSON parser gives them) to the row representation of
 * a {@link DataType}: nothing is guessed, so a value that would change meaning is an error
 * naming the column and row. Stateless.
 *
 * <ul>
 *   <li>int64: integral numbers; a float is accepted only if it is a whole number in range
 *       ({@code 2.0}, not {@code 1.5}); strings are not numbers.
 *   <li>float64: any float; an integer only if the double holds it exactly (up to 2^53).
 *   <li>timestamp: an integral number of microseconds since the epoch, an ISO-8601 date-time
 *       read by {@link RequestValues#time} (with an offset, or without one as UTC; digits below
 *       the microsecond truncated), or an {@link Instant}.
 *   <li>string: strings; bool: booleans.
 * </ul>
 */
final class Coercion {
  // 2^63 as a double: doubles in [-2^63, 2^63) convert to long exactly when whole.
  private static final double TWO_POW_63 = 9.223372036854775808E18;

  private Coercion() {}

  /**
   * {@code value} as {@code type}'s row value ({@code Long}, {@code Double}, {@code String},
   * {@code Boolean}); {@code null} stays null.
   *
   * @param column what to name in errors, e.g. {@code entity column driver_id}
   */
  static Object coerce(DataType type, Object value, String column, int row) {
    if (value == null) {
      return null;
    }
    Object coerced = switch (type) {
      case INT64 -> toLong(value);
      case TIMESTAMP -> toMicros(value);
      case FLOAT64 -> toDouble(value);
      case STRING -> value instanceof String ? value : null;
      case BOOL -> value instanceof Boolean ? value : null;
    };
    if (coerced == null) {
      throw new OnlineRequestException(column + ", row " + row + ": expected " + type + ", got " + describe(value));
    }
    return coerced;
  }

  /**
   * As {@link #coerce}, for a join key: an int64 key may also be sent as a string id ({@code
   * "1001"}, as Feast's server takes it) when {@link RequestValues#int64Id} reads it unambiguously;
   * any other string is refused, saying which strings are taken.
   */
  static Object coerceKey(DataType type, Object value, String column, int row) {
    if (type == DataType.INT64 && value instanceof String text) {
      return RequestValues.int64Id(text).orElseThrow(() -> new OnlineRequestException(column + ", row " + row
          + ": expected " + type + ", got " + describe(value) + "; " + RequestValues.INT64_ID_FORM));
    }
    return coerce(type, value, column, row);
  }

  private static Long toLong(Object value) {
    // The common case keeps its box: unboxing and boxing again would allocate a new Long per row.
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? big.longValue() : null;
    }
    if (value instanceof BigDecimal decimal) {
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      boolean whole = d == StrictMath.rint(d) && d >= -TWO_POW_63 && d < TWO_POW_63;
      return whole ? (long) d : null;
    }
    return null;
  }

  private static Double toDouble(Object value) {
    if (value instanceof Double d) {
      return d;
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Long l) {
      double d = l;
      return d < TWO_POW_63 && (long) d == l ? d : null;
    }
    if (value instanceof BigInteger big) {
      double d = big.doubleValue();
      return Double.isFinite(d) && new BigDecimal(d).toBigIntegerExact().equals(big) ? d : null;
    }
    return null;
  }

  private static Long toMicros(Object value) {
    if (value instanceof String text) {
      try {
        return RequestValues.time(text).map(Coercion::micros).orElse(null);
      } catch (ArithmeticException e) {
        return null;
      }
    }
    if (value instanceof Instant instant) {
      try {
        return micros(instant);
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return toLong(value);
  }

  private static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  private static String describe(Object value) {
    String text = String.valueOf(value);
    String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return value instanceof String ? "string '" + shown + "'" : value.getClass().getSimpleName() + " " + shown;
  }
}
