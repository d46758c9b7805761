package dev.parity.definitions.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * String semantics, over UTF-8 byte ranges {@code (bytes, offset, length)}: the only place they are
 * written. Both evaluators hold strings as UTF-8 (the row path encodes its inputs once), so a
 * vector batch needs no {@code String} per row except where Java's case mapping or number and date
 * parsing needs one. For valid UTF-8, byte order is code point order and a code point starts at
 * every byte that is not {@code 10xxxxxx}.
 */
final class StringKernels {
  private static final byte[] TRUE = "true".getBytes(UTF_8);
  private static final byte[] FALSE = "false".getBytes(UTF_8);

  private StringKernels() {}

  /** Code point order (unsigned byte order of UTF-8). */
  static int compare(byte[] a, int ao, int al, byte[] b, int bo, int bl) {
    return Arrays.compareUnsigned(a, ao, ao + al, b, bo, bo + bl);
  }

  static boolean equal(byte[] a, int ao, int al, byte[] b, int bo, int bl) {
    return Arrays.equals(a, ao, ao + al, b, bo, bo + bl);
  }

  /** Length in code points. */
  static long length(byte[] s, int o, int l) {
    long n = 0;
    for (int i = o, end = o + l; i < end; i++) {
      if ((s[i] & 0xC0) != 0x80) {
        n++;
      }
    }
    return n;
  }

  static boolean startsWith(byte[] s, int so, int sl, byte[] p, int po, int pl) {
    return pl <= sl && Arrays.equals(s, so, so + pl, p, po, po + pl);
  }

  static boolean contains(byte[] s, int so, int sl, byte[] p, int po, int pl) {
    if (pl == 0) {
      return true;
    }
    byte first = p[po];
    for (int i = so, last = so + sl - pl; i <= last; i++) {
      if (s[i] == first && Arrays.equals(s, i, i + pl, p, po, po + pl)) {
        return true;
      }
    }
    return false;
  }

  static void lower(byte[] s, int o, int l, Utf8Builder out) {
    caseMap(s, o, l, out, false);
  }

  static void upper(byte[] s, int o, int l, Utf8Builder out) {
    caseMap(s, o, l, out, true);
  }

  private static void caseMap(byte[] s, int o, int l, Utf8Builder out, boolean upper) {
    for (int i = o; i < o + l; i++) {
      if (s[i] < 0) {
        // Non-ASCII: Java's full case mapping with Locale.ROOT (may change the length).
        String mapped = new String(s, o, l, UTF_8);
        byte[] b = (upper ? mapped.toUpperCase(Locale.ROOT) : mapped.toLowerCase(Locale.ROOT)).getBytes(UTF_8);
        out.append(b, 0, b.length);
        return;
      }
    }
    out.ensure(l);
    byte[] buf = out.buf;
    int at = out.length;
    for (int i = o; i < o + l; i++) {
      byte c = s[i];
      if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) {
        c ^= 0x20;
      }
      buf[at++] = c;
    }
    out.length = at;
  }

  /**
   * The code points at 1-based positions p with {@code max(start, 1) <= p < start + count}
   * (PostgreSQL's substr); {@code count < 0} or a range past the end gives fewer or no characters.
   * {@code start + count} saturates at the int64 bounds instead of wrapping.
   */
  static void substr(byte[] s, int o, int l, long start, long count, Utf8Builder out) {
    long to = count >= 0 && start > Long.MAX_VALUE - count ? Long.MAX_VALUE : start + count;
    if (count < 0 && start < Long.MIN_VALUE - count) {
      to = Long.MIN_VALUE;
    }
    codePoints(s, o, l, Math.max(start, 1), to, out);
  }

  /**
   * {@code substr} without a length: the code points at 1-based positions {@code p >= max(start,
   * 1)}, to the end. Not {@link #substr} with {@code count = Long.MAX_VALUE}: {@code start +
   * count} would then be a finite bound, {@code -1} for {@code start = -2^63}, and drop the whole
   * string.
   */
  static void substrToEnd(byte[] s, int o, int l, long start, Utf8Builder out) {
    codePoints(s, o, l, Math.max(start, 1), Long.MAX_VALUE, out);
  }

  /** The code points at 1-based positions {@code from <= p < to}; {@code to = Long.MAX_VALUE}: to the end. */
  private static void codePoints(byte[] s, int o, int l, long from, long to, Utf8Builder out) {
    if (to <= from) {
      return;
    }
    int i = o;
    int end = o + l;
    long pos = 0;
    int fromByte = end;
    int toByte = end;
    for (; i < end; i++) {
      if ((s[i] & 0xC0) != 0x80) {
        pos++;
        if (pos == from) {
          fromByte = i;
        }
        if (pos == to) {
          toByte = i;
          break;
        }
      }
    }
    if (fromByte < toByte) {
      out.append(s, fromByte, toByte - fromByte);
    }
  }

  /** floorMod(murmur3_x86_32(bytes, seed 0) as a signed int, n); n > 0. */
  static long hashBucket(byte[] s, int o, int l, long n) {
    return Math.floorMod((long) Murmur3.hash32(s, o, l, 0), n);
  }

  // ---- casts to string ----

  static void fromBool(boolean b, Utf8Builder out) {
    byte[] t = b ? TRUE : FALSE;
    out.append(t, 0, t.length);
  }

  /** Decimal digits with a leading '-' if negative, as Long.toString, without allocating. */
  static void fromInt(long v, Utf8Builder out) {
    if (v == Long.MIN_VALUE) {
      appendAscii("-9223372036854775808", out);
      return;
    }
    out.ensure(20);
    if (v < 0) {
      out.buf[out.length++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long p = 10; digits < 19 && v >= p; p *= 10) {
      digits++;
    }
    int at = out.length + digits;
    out.length = at;
    do {
      out.buf[--at] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
  }

  /** Java's {@link Double#toString(double)}: "1.0", "1.0E-5", "NaN", "-Infinity". */
  static void fromFloat(double v, Utf8Builder out) {
    appendAscii(Double.toString(v), out);
  }

  /** ISO-8601 in UTC with 'Z' and 0, 3, 6 fraction digits (DateTimeFormatter.ISO_INSTANT). */
  static void fromTimestamp(long micros, Utf8Builder out) {
    Instant instant =
        Instant.ofEpochSecond(
            Math.floorDiv(micros, Kernels.MICROS_PER_SECOND), Math.floorMod(micros, Kernels.MICROS_PER_SECOND) * 1000);
    appendAscii(DateTimeFormatter.ISO_INSTANT.format(instant), out);
  }

  private static void appendAscii(String s, Utf8Builder out) {
    out.ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      out.buf[out.length++] = (byte) s.charAt(i);
    }
  }

  // ---- casts from string: anything unparseable gives null ----

  /** {@code [+-]?[0-9]+}, no spaces, in int64 range. */
  static long toInt(byte[] s, int o, int l, NullFlag f) {
    int i = o;
    int end = o + l;
    boolean negative = false;
    if (i < end && (s[i] == '+' || s[i] == '-')) {
      negative = s[i] == '-';
      i++;
    }
    if (i == end) {
      f.isNull = true;
      return 0;
    }
    long acc = 0; // accumulated negatively so that Long.MIN_VALUE fits
    for (; i < end; i++) {
      int d = s[i] - '0';
      if (d < 0 || d > 9 || acc < (Long.MIN_VALUE + d) / 10) {
        f.isNull = true;
        return 0;
      }
      acc = acc * 10 - d;
    }
    if (!negative && acc == Long.MIN_VALUE) {
      f.isNull = true;
      return 0;
    }
    return negative ? acc : -acc;
  }

  /**
   * A decimal number {@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?} or {@code [+-]?(nan|inf|infinity)}
   * in any case, no spaces; rounded to nearest by {@link Double#parseDouble}.
   */
  static double toFloat(byte[] s, int o, int l, NullFlag f) {
    String text = new String(s, o, l, UTF_8);
    if (!isDecimal(text)) {
      String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
      String lower = unsigned.toLowerCase(Locale.ROOT);
      if (lower.equals("nan")) {
        return Double.NaN;
      }
      if (lower.equals("inf") || lower.equals("infinity")) {
        return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      f.isNull = true;
      return 0;
    }
    return Double.parseDouble(text);
  }

  private static boolean isDecimal(String t) {
    int i = 0;
    int n = t.length();
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      i++;
    }
    int intDigits = 0;
    while (i < n && isDigit(t.charAt(i))) {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < n && t.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(t.charAt(i))) {
        i++;
        fracDigits++;
      }
    }
    if (intDigits + fracDigits == 0) {
      return false;
    }
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      i++;
      if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(t.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** "true" or "false" in any ASCII case. */
  static boolean toBool(byte[] s, int o, int l, NullFlag f) {
    if (equalsIgnoreAsciiCase(s, o, l, TRUE)) {
      return true;
    }
    if (!equalsIgnoreAsciiCase(s, o, l, FALSE)) {
      f.isNull = true;
    }
    return false;
  }

  private static boolean equalsIgnoreAsciiCase(byte[] s, int o, int l, byte[] lowerWord) {
    if (l != lowerWord.length) {
      return false;
    }
    for (int i = 0; i < l; i++) {
      int c = s[o + i];
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      if (c != lowerWord[i]) {
        return false;
      }
    }
    return true;
  }

  /** ISO-8601 date-time with an offset ("2026-01-31T00:00:00Z", "...+02:00"); below-micro digits are truncated. */
  static long toTimestamp(byte[] s, int o, int l, NullFlag f) {
    OffsetDateTime t;
    try {
      t = OffsetDateTime.parse(new String(s, o, l, UTF_8), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeException e) {
      // Not a timestamp: the language defines that as a null result, not an error.
      f.isNull = true;
      return 0;
    }
    long seconds = t.toEpochSecond();
    long micros = t.getNano() / 1000;
    if (seconds < 0 && micros > 0) {
      // Borrow a second so that the intermediate product stays in range near Long.MIN_VALUE.
      seconds++;
      micros -= Kernels.MICROS_PER_SECOND;
    }
    long whole = Kernels.mul(seconds, Kernels.MICROS_PER_SECOND, f);
    return f.isNull ? 0 : Kernels.add(whole, micros, f);
  }
}
