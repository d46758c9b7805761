package dev.parity.client;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the answer's event times. The server writes each as {@link Instant#toString()} prints it
 * ({@code 2026-01-30T23:00:00Z}, {@code ...:00.123Z}, {@code ...:00.000001Z}); this reads that
 * shape straight from the parser's characters and hands everything else (another shape, an
 * out-of-range field, a leap second) to {@link Instant#parse}, so what it accepts and what it
 * returns are {@code Instant.parse}'s. {@code Instant.parse} goes through a formatter, a map of
 * parsed fields and a resolver: on a 100-row lookup it was half of the client's CPU
 * (bench/HISTORY.md).
 */
final class EventTimes {
  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private EventTimes() {}

  /**
   * The instant {@code text[offset, offset + length)} names, or null for the server's "no event
   * time" ({@link LookupJson#NO_EVENT_TIMESTAMP}).
   *
   * @throws IOException if it is not an ISO-8601 instant
   */
  static Instant parse(char[] text, int offset, int length) throws IOException {
    Instant fast = fast(text, offset, length);
    if (fast != null) {
      return fast.getEpochSecond() == 0 && fast.getNano() == 0 && length == 20 ? null : fast;
    }
    String string = new String(text, offset, length);
    if (string.equals(LookupJson.NO_EVENT_TIMESTAMP)) {
      return null;
    }
    try {
      return Instant.parse(string);
    } catch (DateTimeParseException e) {
      throw new IOException("event timestamp '" + string + "' is not ISO-8601", e);
    }
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field in range, or null. */
  static Instant fast(char[] t, int o, int length) {
    if (length < 20 || length > 30 || t[o + 4] != '-' || t[o + 7] != '-' || t[o + 10] != 'T' || t[o + 13] != ':'
        || t[o + 16] != ':' || t[o + length - 1] != 'Z') {
      return null;
    }
    int year = digits(t, o, 4);
    int month = digits(t, o + 5, 2);
    int day = digits(t, o + 8, 2);
    int hour = digits(t, o + 11, 2);
    int minute = digits(t, o + 14, 2);
    int second = digits(t, o + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59) {
      return null;
    }
    boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    if (day > (month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) {
      return null;
    }
    int nanos = 0;
    if (length > 20) {
      int fraction = length - 21; // between '.' and 'Z'
      if (t[o + 19] != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      nanos = digits(t, o + 20, fraction);
      if (nanos < 0) {
        return null;
      }
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    long seconds = epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** The value of {@code count} decimal digits, or -1 if one is not a digit. */
  private static int digits(char[] t, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int digit = t[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /** Days since 1970-01-01 of a valid proleptic Gregorian date, as {@code LocalDate.toEpochDay}. */
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }
}
