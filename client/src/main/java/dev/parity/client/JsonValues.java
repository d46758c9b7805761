package dev.parity.client;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The request values the client sends, checked when they are given: numbers, strings, bools,
 * null, and times ({@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime}) as ISO-8601
 * UTC, which the server takes for timestamp columns. Anything else is refused at once, naming the
 * column, rather than sent as whatever its {@code toString} is.
 */
final class JsonValues {
  private JsonValues() {}

  /**
   * {@code value} as it will be sent, and as the near cache keys it (times as {@link Instant}).
   *
   * @throws BadRequestException for a type JSON cannot carry, or a NaN or infinite number
   */
  static Object checked(String column, Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new BadRequestException("column " + column + ": " + value + " cannot be sent as JSON", 0, null);
      }
      return d;
    }
    if (value instanceof BigInteger || value instanceof BigDecimal || value instanceof Instant) {
      return value;
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof ZonedDateTime time) {
      return time.toInstant();
    }
    throw new BadRequestException("column " + column + ": a " + value.getClass().getName() + " (" + value
        + ") is not a value the server takes: give a number, string, boolean, Instant or null", 0, null);
  }

  /** Writes a value {@link #checked} returned. */
  static void write(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else if (value instanceof BigInteger i) {
      json.writeNumber(i);
    } else if (value instanceof BigDecimal d) {
      json.writeNumber(d);
    } else if (value instanceof Instant instant) {
      json.writeString(instant.toString());
    } else {
      throw new IllegalArgumentException("not a checked value: " + value.getClass().getName());
    }
  }
}
