package dev.parity.definitions.expr;

import static dev.parity.definitions.expr.ExprTestSupport.eval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.DataType;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rules of EXPRESSIONS.md, one behaviour per test; every case runs on both evaluators. */
class ExpressionSemanticsTest {
  private static final long MIN = Long.MIN_VALUE;
  private static final long MAX = Long.MAX_VALUE;

  private static long micros(String iso) {
    Instant t = Instant.parse(iso);
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  @Test
  void nullOperandsPropagateThroughOperatorsAndFunctions() {
    assertThat(eval("i + 1", "i", null)).isNull();
    assertThat(eval("x * 2.0", "x", null)).isNull();
    assertThat(eval("log1p(x)", "x", null)).isNull();
    assertThat(eval("lower(s)", "s", null)).isNull();
    assertThat(eval("concat(s, 'a')", "s", null)).isNull();
    assertThat(eval("i = 1", "i", null)).isNull();
    assertThat(eval("not b", "b", null)).isNull();
    assertThat(eval("hour_of_day(ts)", "ts", null)).isNull();
  }

  @Test
  void divisionAndRemainderByZeroGiveNull() {
    assertThat(eval("i / j", "i", 7L, "j", 0L)).isNull();
    assertThat(eval("x / y", "x", 1.0, "y", -0.0)).isNull();
    assertThat(eval("i % j", "i", 7L, "j", 0L)).isNull();
    assertThat(eval("x % y", "x", 7.5, "y", 0.0)).isNull();
    assertThat(eval("i / j", "i", 7L, "j", 2L)).isEqualTo(3.5);
    assertThat(eval("i % j", "i", -7L, "j", 2L)).isEqualTo(-1L);
  }

  @Test
  void int64OverflowGivesNullInsteadOfWrapping() {
    assertThat(eval("i + 1", "i", MAX)).isNull();
    assertThat(eval("i - 1", "i", MIN)).isNull();
    assertThat(eval("i * j", "i", 1L << 32, "j", 1L << 31)).isNull();
    assertThat(eval("i * j", "i", -(1L << 31), "j", 1L << 32)).isEqualTo(MIN);
    assertThat(eval("-i", "i", MIN)).isNull();
    assertThat(eval("abs(i)", "i", MIN)).isNull();
    assertThat(eval("i % j", "i", MIN, "j", -1L)).isEqualTo(0L);
    assertThat(eval("i + j", "i", MAX - 1, "j", 1L)).isEqualTo(MAX);
  }

  @Test
  void mixedIntAndFloatPromoteToFloat() {
    assertThat(eval("i + x", "i", 2L, "x", 0.5)).isEqualTo(2.5);
    assertThat(Expressions.compile("i + x", ExprTestSupport.SCOPE).type()).isEqualTo(DataType.FLOAT64);
    assertThat(Expressions.compile("i + j", ExprTestSupport.SCOPE).type()).isEqualTo(DataType.INT64);
    assertThat(eval("i / j", "i", 1L, "j", 3L)).isEqualTo(1.0 / 3.0);
  }

  @Test
  void andOrFollowThreeValuedLogic() {
    assertThat(eval("b and c", "b", false, "c", null)).isEqualTo(false);
    assertThat(eval("b and c", "b", null, "c", true)).isNull();
    assertThat(eval("b and c", "b", true, "c", true)).isEqualTo(true);
    assertThat(eval("b or c", "b", null, "c", true)).isEqualTo(true);
    assertThat(eval("b or c", "b", null, "c", false)).isNull();
    assertThat(eval("b or c", "b", false, "c", false)).isEqualTo(false);
    assertThat(eval("not b or c", "b", true, "c", true)).isEqualTo(true);
  }

  @Test
  void ifTakesElseBranchOnNullConditionAndCoalescePicksFirstNonNull() {
    assertThat(eval("if(b, 1, 2)", "b", null)).isEqualTo(2L);
    assertThat(eval("if(b, 1, 2)", "b", true)).isEqualTo(1L);
    assertThat(eval("if(b, i, x)", "b", true, "i", 3L, "x", 0.5)).isEqualTo(3.0);
    assertThat(eval("coalesce(i, j, 7)", "i", null, "j", 5L)).isEqualTo(5L);
    assertThat(eval("coalesce(i, j)", "i", null, "j", null)).isNull();
    assertThat(eval("coalesce(s, 'none')", "s", null)).isEqualTo("none");
    assertThat(eval("is_null(x)", "x", null)).isEqualTo(true);
    assertThat(eval("is_null(x)", "x", Double.NaN)).isEqualTo(false);
  }

  @Test
  void floatComparisonsFollowJavaPrimitiveRulesForNanAndNegativeZero() {
    assertThat(eval("x = y", "x", Double.NaN, "y", Double.NaN)).isEqualTo(false);
    assertThat(eval("x != y", "x", Double.NaN, "y", Double.NaN)).isEqualTo(true);
    assertThat(eval("x < y", "x", Double.NaN, "y", 1.0)).isEqualTo(false);
    assertThat(eval("x >= y", "x", Double.NaN, "y", 1.0)).isEqualTo(false);
    assertThat(eval("x = y", "x", -0.0, "y", 0.0)).isEqualTo(true);
    assertThat(eval("i = x", "i", 3L, "x", 3.0)).isEqualTo(true);
    assertThat(eval("i == j", "i", 3L, "j", 3L)).isEqualTo(true);
    assertThat(eval("i <> j", "i", 3L, "j", 3L)).isEqualTo(false);
  }

  @Test
  void transcendentalFunctionsFollowIeee() {
    assertThat(eval("log(x)", "x", 0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat((Double) eval("log(x)", "x", -1.0)).isNaN();
    assertThat(eval("log1p(i)", "i", 0L)).isEqualTo(0.0);
    assertThat(eval("sqrt(x)", "x", 16.0)).isEqualTo(4.0);
    assertThat(eval("exp(x)", "x", 0.0)).isEqualTo(1.0);
    assertThat(eval("pow(2, 10)")).isEqualTo(1024.0);
    assertThat(eval("log(x)", "x", Math.E)).isEqualTo(StrictMath.log(Math.E));
  }

  @Test
  void roundIsHalfAwayFromZeroAndFloorCeilReturnFloat() {
    assertThat(eval("round(x)", "x", 2.5)).isEqualTo(3.0);
    assertThat(eval("round(x)", "x", -2.5)).isEqualTo(-3.0);
    assertThat(eval("round(x)", "x", 0.49999999999999994)).isEqualTo(0.0);
    assertThat(eval("round(x)", "x", -0.3)).isEqualTo(-0.0);
    assertThat(Double.doubleToRawLongBits((Double) eval("round(x)", "x", -0.3))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(eval("floor(i)", "i", 3L)).isEqualTo(3.0);
    assertThat(eval("ceil(x)", "x", -1.5)).isEqualTo(-1.0);
  }

  @Test
  void minMaxClipPropagateNanAndOrderNegativeZeroBelowZero() {
    assertThat((Double) eval("min(x, y)", "x", Double.NaN, "y", 1.0)).isNaN();
    assertThat((Double) eval("max(x, y)", "x", 1.0, "y", Double.NaN)).isNaN();
    assertThat(Double.doubleToRawLongBits((Double) eval("min(x, y)", "x", 0.0, "y", -0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Double.doubleToRawLongBits((Double) eval("max(x, y)", "x", -0.0, "y", 0.0))).isEqualTo(0L);
    assertThat(eval("clip(x, 0, 10)", "x", 12.5)).isEqualTo(10.0);
    assertThat(eval("clip(i, 0, 10)", "i", -3L)).isEqualTo(0L);
    assertThat((Double) eval("clip(x, 0, 10)", "x", Double.NaN)).isNaN();
    assertThat(eval("clip(i, 5, 1)", "i", 3L)).isEqualTo(1L);
  }

  @Test
  void substrWithoutALengthRunsToTheEndWhateverTheStart() {
    // The missing length was once passed as 2^63 - 1 and start + that became -1: '' instead of 'zz'.
    assertThat(eval("substr(s, -9223372036854775808)", "s", "zz")).isEqualTo("zz");
    assertThat(eval("substr(s, i)", "s", "zz", "i", MIN)).isEqualTo("zz");
    assertThat(eval("substr('zz', -9223372036854775808)")).isEqualTo("zz");
    assertThat(eval("substr(s, i)", "s", "a\uD83D\uDE00b", "i", -1L)).isEqualTo("a\uD83D\uDE00b");
    assertThat(eval("substr(s, i)", "s", "zz", "i", MAX)).isEqualTo("");
  }

  @Test
  void substrAtInt64ExtremesFollowsThePositionRuleOfExpressionsMd() {
    long[] extremes = {MIN, MIN + 1, -2, -1, 0, 1, 2, 3, MAX - 1, MAX};
    String text = "a\uD83D\uDE00b"; // 3 code points
    for (long start : extremes) {
      assertThat(eval("substr(s, i)", "s", text, "i", start)).as("substr(s, %d)", start)
          .isEqualTo(substrByTheRule(text, start, null));
      for (long length : extremes) {
        assertThat(eval("substr(s, i, j)", "s", text, "i", start, "j", length)).as("substr(s, %d, %d)", start, length)
            .isEqualTo(substrByTheRule(text, start, length));
      }
    }
  }

  /** EXPRESSIONS.md's rule in exact arithmetic: positions p with max(start, 1) <= p < start + len (no len: to the end). */
  private static String substrByTheRule(String s, long start, Long length) {
    BigInteger from = BigInteger.valueOf(Math.max(start, 1));
    BigInteger to = length == null ? null
        : BigInteger.valueOf(start).add(BigInteger.valueOf(length));
    StringBuilder out = new StringBuilder();
    int[] codePoints = s.codePoints().toArray();
    for (int p = 1; p <= codePoints.length; p++) {
      BigInteger position = BigInteger.valueOf(p);
      if (position.compareTo(from) >= 0 && (to == null || position.compareTo(to) < 0)) {
        out.appendCodePoint(codePoints[p - 1]);
      }
    }
    return out.toString();
  }

  @Test
  void stringFunctionsCountCodePoints() {
    String emoji = "a\uD83D\uDE00b"; // a, U+1F600, b
    assertThat(eval("length(s)", "s", emoji)).isEqualTo(3L);
    assertThat(eval("length(s)", "s", "")).isEqualTo(0L);
    assertThat(eval("substr(s, 2, 1)", "s", emoji)).isEqualTo("\uD83D\uDE00");
    assertThat(eval("substr(s, 2)", "s", emoji)).isEqualTo("\uD83D\uDE00b");
    assertThat(eval("substr(s, 0, 2)", "s", "hello")).isEqualTo("h");
    assertThat(eval("substr(s, 4, 100)", "s", "hello")).isEqualTo("lo");
    assertThat(eval("substr(s, 9, 2)", "s", "hello")).isEqualTo("");
    assertThat(eval("substr(s, 2, -1)", "s", "hello")).isEqualTo("");
    assertThat(eval("substr(s, -9223372036854775808, 9223372036854775807)", "s", "hello")).isEqualTo("");
    assertThat(eval("upper(s)", "s", "straße ïx")).isEqualTo("STRASSE ÏX");
    assertThat(eval("lower(s)", "s", "ÀB\u0130")).isEqualTo("àbi\u0307");
    assertThat(eval("concat(s, '-', t)", "s", "a", "t", "é")).isEqualTo("a-é");
    assertThat(eval("contains(s, t)", "s", "abc", "t", "")).isEqualTo(true);
    assertThat(eval("contains(s, t)", "s", "a\uD83D\uDE00b", "t", "\uD83D\uDE00")).isEqualTo(true);
    assertThat(eval("starts_with(s, t)", "s", "abc", "t", "abcd")).isEqualTo(false);
  }

  @Test
  void stringsCompareInCodePointOrder() {
    // U+FFFD sorts before U+1F600 by code point, although its UTF-16 unit is larger.
    assertThat(eval("s < t", "s", "\uFFFD", "t", "\uD83D\uDE00")).isEqualTo(true);
    assertThat(eval("s < t", "s", "ab", "t", "b")).isEqualTo(true);
    assertThat(eval("s = t", "s", "é", "t", "é")).isEqualTo(true);
  }

  @Test
  void hashBucketIsMurmur3OfUtf8ModuloN() {
    // mmh3.hash("hello", 0, signed=True) = 0x248bfa47 = 613153351; 613153351 % 10 = 1
    assertThat(eval("hash_bucket(s, 10)", "s", "hello")).isEqualTo(1L);
    // mmh3.hash("Hello, world!", 0, signed=True) = 0xc0363e43 - 2^32 = -1070186941; Python % 7 = 2
    assertThat(eval("hash_bucket(s, 7)", "s", "Hello, world!")).isEqualTo(Math.floorMod(-1070186941L, 7L));
    assertThat(Math.floorMod(-1070186941L, 7L)).isEqualTo(2L);
    assertThat(eval("hash_bucket(s, 1000)", "s", "")).isEqualTo(0L);
  }

  @Test
  void bucketizeCountsBoundariesAtOrBelowAndNanIsNull() {
    assertThat(eval("bucketize(x, [0, 10, 20.5])", "x", -1.0)).isEqualTo(0L);
    assertThat(eval("bucketize(x, [0, 10, 20.5])", "x", 0.0)).isEqualTo(1L);
    assertThat(eval("bucketize(x, [0, 10, 20.5])", "x", 20.5)).isEqualTo(3L);
    assertThat(eval("bucketize(i, [-5, 5])", "i", 4L)).isEqualTo(1L);
    assertThat(eval("bucketize(x, [0, 10])", "x", Double.NaN)).isNull();
    assertThat(eval("bucketize(x, [0, 10])", "x", Double.POSITIVE_INFINITY)).isEqualTo(2L);
  }

  @Test
  void timeFunctionsUseUtc() {
    long t = micros("2026-01-31T23:59:59.999999Z"); // a Saturday
    assertThat(eval("hour_of_day(ts)", "ts", t)).isEqualTo(23L);
    assertThat(eval("day_of_week(ts)", "ts", t)).isEqualTo(6L);
    assertThat(eval("day_of_week(ts)", "ts", 0L)).isEqualTo(4L); // 1970-01-01 was a Thursday
    assertThat(eval("hour_of_day(ts)", "ts", -1L)).isEqualTo(23L);
    assertThat(eval("day_of_week(ts)", "ts", -1L)).isEqualTo(3L);
    assertThat(eval("days_between(ts, ts2)", "ts", micros("2026-01-01T12:00:00Z"), "ts2", micros("2026-01-03T11:00:00Z"))).isEqualTo(1L);
    assertThat(eval("days_between(ts, ts2)", "ts", micros("2026-01-03T00:00:00Z"), "ts2", micros("2026-01-01T12:00:00Z"))).isEqualTo(-2L);
    assertThat(eval("days_between(ts, ts2)", "ts", MIN, "ts2", MAX)).isNull();
  }

  @Test
  void castsBetweenNumbersTruncateAndNullOutOfRange() {
    assertThat(eval("cast(x as int64)", "x", -2.9)).isEqualTo(-2L);
    assertThat(eval("cast(x as int64)", "x", Double.NaN)).isNull();
    assertThat(eval("cast(x as int64)", "x", 9.3e18)).isNull();
    assertThat(eval("cast(x as int64)", "x", -0x1p63)).isEqualTo(MIN);
    assertThat(eval("cast(i as float64)", "i", 3L)).isEqualTo(3.0);
    assertThat(eval("cast(b as int64)", "b", true)).isEqualTo(1L);
    assertThat(eval("cast(i as bool)", "i", -4L)).isEqualTo(true);
    assertThat(eval("cast(x as bool)", "x", Double.NaN)).isEqualTo(true);
    assertThat(eval("cast(ts as int64)", "ts", 42L)).isEqualTo(42L);
    assertThat(eval("cast(i as timestamp)", "i", 42L)).isEqualTo(42L);
  }

  @Test
  void castsFromStringReturnNullWhenUnparseable() {
    assertThat(eval("cast(s as int64)", "s", "-9223372036854775808")).isEqualTo(MIN);
    assertThat(eval("cast(s as int64)", "s", "9223372036854775808")).isNull();
    assertThat(eval("cast(s as int64)", "s", " 1")).isNull();
    assertThat(eval("cast(s as int64)", "s", "+17")).isEqualTo(17L);
    assertThat(eval("cast(s as float64)", "s", "1.5e3")).isEqualTo(1500.0);
    assertThat(eval("cast(s as float64)", "s", "-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(eval("cast(s as float64)", "s", "1.5f")).isNull();
    assertThat(eval("cast(s as float64)", "s", "0x10")).isNull();
    assertThat(eval("cast(s as bool)", "s", "TRUE")).isEqualTo(true);
    assertThat(eval("cast(s as bool)", "s", "yes")).isNull();
    assertThat(eval("cast(s as timestamp)", "s", "2026-01-31T02:00:00.1234567+02:00")).isEqualTo(micros("2026-01-31T00:00:00.123456Z"));
    assertThat(eval("cast(s as timestamp)", "s", "2026-01-31T00:00:00")).isNull();
  }

  @Test
  void castsToStringUseFixedSpellings() {
    assertThat(eval("cast(ts as string)", "ts", micros("2026-01-31T00:00:00Z"))).isEqualTo("2026-01-31T00:00:00Z");
    assertThat(eval("cast(ts as string)", "ts", micros("2026-01-31T00:00:00.5Z"))).isEqualTo("2026-01-31T00:00:00.500Z");
    assertThat(eval("cast(i as string)", "i", MIN)).isEqualTo("-9223372036854775808");
    assertThat(eval("cast(x as string)", "x", 1e-5)).isEqualTo("1.0E-5");
    assertThat(eval("cast(x as string)", "x", Double.NaN)).isEqualTo("NaN");
    assertThat(eval("cast(b as string)", "b", false)).isEqualTo("false");
    long extreme = MIN;
    String text = (String) eval("cast(ts as string)", "ts", extreme);
    assertThat(eval("cast(s as timestamp)", "s", text)).isEqualTo(extreme);
  }

  @Test
  void literalsAndKeywordsAreCaseInsensitiveButNamesAreNot() {
    assertThat(eval("IF(TRUE AND NOT False, 'a', \"b\")")).isEqualTo("a");
    assertThat(eval("CAST('3' AS INT64)")).isEqualTo(3L);
    assertThat(eval("'it\\'s\\n\\u00e9'")).isEqualTo("it's\né");
    assertThat(eval("1E3 + 0.5e0 + x", "x", 1.0)).isEqualTo(1001.5);
  }

  @Test
  void qualifiedNamesReadFeaturesOfOtherViews() {
    assertThat(eval("v.f + i", "v.f", 0.5, "i", 1L)).isEqualTo(1.5);
  }

  @Test
  void rowPathAcceptsNarrowJavaNumbers() {
    CompiledExpression e = Expressions.compile("i + x", ExprTestSupport.SCOPE);
    assertThat(e.evaluateRow(new Object[] {3, 0.5f})).isEqualTo(3.5);
  }
}
