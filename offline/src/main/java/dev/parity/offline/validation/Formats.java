package dev.parity.offline.validation;

import dev.parity.definitions.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/** How numbers, times and values read in reports and YAML. Stateless. */
final class Formats {
  /** Allowed-value lists longer than this are shortened in report lines. */
  private static final int LISTED_VALUES = 10;

  private Formats() {}

  /** UTC microseconds since the epoch, rounded toward the past. */
  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** A fraction with at least two and at most four decimals: 0.1 as 0.10, 0.1375 as 0.1375. */
  static String fraction(double value) {
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    return rounded.scale() < 2 ? rounded.setScale(2).toPlainString() : rounded.toPlainString();
  }

  /** A rule bound as written in YAML (plain decimal notation, shortest form that reads back). */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return BigDecimal.valueOf(value).setScale(1).toPlainString();
    }
    return BigDecimal.valueOf(value).toPlainString();
  }

  /** A value of a column, as text: numbers as Java prints them, timestamps in ISO-8601. */
  static String value(DataType type, long longValue, double doubleValue, String stringValue) {
    switch (type) {
      case INT64:
        return Long.toString(longValue);
      case FLOAT64:
        return Double.toString(doubleValue);
      case BOOL:
        return longValue != 0 ? "true" : "false";
      case TIMESTAMP:
        return instant(longValue).toString();
      default:
        return stringValue;
    }
  }

  /** An age such as {@code 3d4h}, {@code 45m}, {@code 0s}: whole seconds, largest units first. */
  static String age(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    if (seconds <= 0) {
      return micros < 0 ? "-" + age(-micros) : "0s";
    }
    StringBuilder out = new StringBuilder();
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (seconds >= sizes[i]) {
        out.append(seconds / sizes[i]).append(units[i]);
        seconds %= sizes[i];
      }
    }
    return out.toString();
  }

  /** {@code [a, b, c]}, shortened after ten values with the total count. */
  static String list(List<String> values) {
    if (values.size() <= LISTED_VALUES) {
      return "[" + String.join(", ", values) + "]";
    }
    return "[" + String.join(", ", values.subList(0, LISTED_VALUES)) + ", ... (" + values.size() + " values)]";
  }

  /** {@code 1 row} or {@code 3 rows}. */
  static String rows(long count) {
    return count + (count == 1 ? " row" : " rows");
  }
}
