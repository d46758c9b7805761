package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of well-typed expression texts over the columns of {@link ExprTestSupport},
 * covering every operator and function, and of random input values rich in edge cases.
 */
final class RandomExpressions {
  private static final List<String> STRINGS =
      List.of(
          "", "a", "A", "hello", "Hello, world!", "straße", "ÀÉÎ", "\u0130stanbul", "a\uD83D\uDE00b", "\uD83D\uDE00",
          "\uFFFD", "日本語", "12", "-7", "+3", "9223372036854775808", "1.5e3", "-0.0", "NaN", "-inf", "true", "FALSE",
          "2026-01-31T00:00:00Z", "2026-01-31T01:30:00.123456+02:00", " 1", "x y", "'\"\\");
  private static final long[] LONGS = {0, 1, -1, 2, 7, -7, 10, 100, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Integer.MAX_VALUE, 1L << 32};
  private static final double[] DOUBLES = {
    0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -2.5, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 9.3e18, -9.223372036854775808E18, 3.0, 100.25
  };
  private static final long[] TIMESTAMPS = {
    0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 1_769_817_600_000_000L, 1_769_817_599_999_999L, -62_135_596_800_000_000L, 253_402_300_799_999_999L
  };

  private final Random random;

  RandomExpressions(long seed) {
    this.random = new Random(seed);
  }

  // ---- values ----

  Object value(DataType type) {
    if (random.nextInt(6) == 0) {
      return null;
    }
    switch (type) {
      case BOOL:
        return random.nextBoolean();
      case INT64:
        return random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : (long) random.nextInt(2001) - 1000;
      case FLOAT64:
        switch (random.nextInt(3)) {
          case 0:
            return DOUBLES[random.nextInt(DOUBLES.length)];
          case 1:
            return (random.nextInt(2001) - 1000) / 8.0;
          default:
            return Double.longBitsToDouble(random.nextLong());
        }
      case TIMESTAMP:
        switch (random.nextInt(3)) {
          case 0:
            return TIMESTAMPS[random.nextInt(TIMESTAMPS.length)];
          case 1:
            return 1_700_000_000_000_000L + (long) (random.nextDouble() * 200_000_000_000_000L);
          default:
            return random.nextLong();
        }
      default:
        if (random.nextInt(4) == 0) {
          StringBuilder sb = new StringBuilder();
          int n = random.nextInt(6);
          for (int k = 0; k < n; k++) {
            sb.appendCodePoint(randomCodePoint());
          }
          return sb.toString();
        }
        return STRINGS.get(random.nextInt(STRINGS.size()));
    }
  }

  private int randomCodePoint() {
    switch (random.nextInt(4)) {
      case 0:
        return 'a' + random.nextInt(26);
      case 1:
        return 'A' + random.nextInt(26);
      case 2:
        return 0xC0 + random.nextInt(0x2000);
      default:
        return 0x1F600 + random.nextInt(64);
    }
  }

  // ---- expressions ----

  private static final DataType[] TYPES = DataType.values();

  DataType anyType() {
    return TYPES[random.nextInt(TYPES.length)];
  }

  String expression(DataType type, int depth) {
    if (depth <= 0 || random.nextInt(5) == 0) {
      return leaf(type);
    }
    int d = depth - 1;
    int pick = random.nextInt(10);
    if (pick == 0) {
      return "if(" + expression(DataType.BOOL, d) + ", " + expression(type, d) + ", " + expression(type, d) + ")";
    }
    if (pick == 1) {
      return "coalesce(" + expression(type, d) + ", " + expression(type, d) + (random.nextBoolean() ? "" : ", " + leaf(type)) + ")";
    }
    switch (type) {
      case INT64:
        return int64(d);
      case FLOAT64:
        return float64(d);
      case BOOL:
        return bool(d);
      case STRING:
        return string(d);
      default:
        return timestamp(d);
    }
  }

  private String num(int d) {
    return expression(random.nextBoolean() ? DataType.INT64 : DataType.FLOAT64, d);
  }

  private String int64(int d) {
    String a = expression(DataType.INT64, d);
    switch (random.nextInt(17)) {
      case 0:
        return "(" + a + " + " + expression(DataType.INT64, d) + ")";
      case 1:
        return "(" + a + " - " + expression(DataType.INT64, d) + ")";
      case 2:
        return "(" + a + " * " + expression(DataType.INT64, d) + ")";
      case 3:
        return "(" + a + " % " + expression(DataType.INT64, d) + ")";
      case 4:
        return "-" + a;
      case 5:
        return "abs(" + a + ")";
      case 6:
        return "length(" + expression(DataType.STRING, d) + ")";
      case 7:
        return "hash_bucket(" + expression(DataType.STRING, d) + ", " + (1 + random.nextInt(random.nextBoolean() ? 10 : 1_000_000)) + ")";
      case 8:
        return "bucketize(" + num(d) + ", [-10, 0, 0.5, 100])";
      case 9:
        return "hour_of_day(" + expression(DataType.TIMESTAMP, d) + ")";
      case 10:
        return "day_of_week(" + expression(DataType.TIMESTAMP, d) + ")";
      case 11:
        return "days_between(" + expression(DataType.TIMESTAMP, d) + ", " + expression(DataType.TIMESTAMP, d) + ")";
      case 12:
        return "cast(" + expression(pick(DataType.FLOAT64, DataType.STRING, DataType.BOOL, DataType.TIMESTAMP), d) + " as int64)";
      case 13:
        return (random.nextBoolean() ? "min(" : "max(") + a + ", " + expression(DataType.INT64, d) + ")";
      case 14:
        return "clip(" + a + ", " + expression(DataType.INT64, d) + ", " + expression(DataType.INT64, d) + ")";
      default:
        return a;
    }
  }

  private String float64(int d) {
    String a = num(d);
    switch (random.nextInt(16)) {
      case 0:
        return "(" + a + " " + pick("+", "-", "*", "/", "%") + " " + num(d) + ")";
      case 1:
        return "(" + expression(DataType.INT64, d) + " / " + expression(DataType.INT64, d) + ")";
      case 2:
        return "-" + expression(DataType.FLOAT64, d);
      case 3:
        return pick("log", "log1p", "exp", "sqrt", "floor", "ceil", "round", "abs") + "(" + (random.nextBoolean() ? a : expression(DataType.FLOAT64, d)) + ")";
      case 4:
        return "pow(" + a + ", " + num(d) + ")";
      case 5:
        return pick("min", "max") + "(" + expression(DataType.FLOAT64, d) + ", " + num(d) + ")";
      case 6:
        return "clip(" + expression(DataType.FLOAT64, d) + ", " + num(d) + ", " + num(d) + ")";
      case 7:
        return "cast(" + expression(pick(DataType.INT64, DataType.STRING, DataType.BOOL), d) + " as float64)";
      case 8:
        return pick("round", "floor", "ceil") + "(" + expression(DataType.FLOAT64, d) + ")";
      default:
        return "(" + expression(DataType.FLOAT64, d) + " " + pick("+", "-", "*", "/") + " " + expression(DataType.FLOAT64, d) + ")";
    }
  }

  private String bool(int d) {
    switch (random.nextInt(9)) {
      case 0:
      case 1:
        {
          DataType t = anyType();
          return "(" + expression(t, d) + " " + pick("=", "==", "!=", "<>", "<", "<=", ">", ">=") + " " + expression(t, d) + ")";
        }
      case 2:
        return "(" + num(d) + " " + pick("=", "<", ">=") + " " + num(d) + ")";
      case 3:
        return "(" + expression(DataType.BOOL, d) + " " + pick("and", "or", "AND", "Or") + " " + expression(DataType.BOOL, d) + ")";
      case 4:
        return "(not " + expression(DataType.BOOL, d) + ")";
      case 5:
        return "is_null(" + expression(anyType(), d) + ")";
      case 6:
        return pick("contains", "starts_with") + "(" + expression(DataType.STRING, d) + ", " + expression(DataType.STRING, d) + ")";
      case 7:
        return "cast(" + expression(pick(DataType.INT64, DataType.FLOAT64, DataType.STRING), d) + " as bool)";
      default:
        return expression(DataType.BOOL, d);
    }
  }

  private String string(int d) {
    switch (random.nextInt(7)) {
      case 0:
        return pick("lower", "upper") + "(" + expression(DataType.STRING, d) + ")";
      case 1:
        return "concat(" + expression(DataType.STRING, d) + ", " + expression(DataType.STRING, d) + ")";
      case 2:
        return "substr(" + expression(DataType.STRING, d) + ", " + smallInt(d) + ", " + smallInt(d) + ")";
      case 3:
        return "substr(" + expression(DataType.STRING, d) + ", " + smallInt(d) + ")";
      case 4:
        return "cast(" + expression(pick(DataType.INT64, DataType.FLOAT64, DataType.BOOL, DataType.TIMESTAMP), d) + " as string)";
      default:
        return expression(DataType.STRING, d);
    }
  }

  /** A position or length of substr: mostly small, sometimes an int64 extreme or any int64 expression. */
  private String smallInt(int d) {
    switch (random.nextInt(6)) {
      case 0:
      case 1:
        return expression(DataType.INT64, d);
      case 2:
        return Long.toString(pick(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L));
      default:
        return Long.toString(random.nextInt(9) - 2);
    }
  }

  private String timestamp(int d) {
    switch (random.nextInt(3)) {
      case 0:
        return "cast(" + expression(DataType.INT64, d) + " as timestamp)";
      case 1:
        return "cast(" + expression(DataType.STRING, d) + " as timestamp)";
      default:
        return expression(DataType.TIMESTAMP, d);
    }
  }

  private String leaf(DataType type) {
    if (random.nextInt(3) > 0) {
      String[] cols = columnsOf(type);
      return cols[random.nextInt(cols.length)];
    }
    Object v = value(type);
    if (v == null) {
      return "cast(null as " + type.yamlName() + ")";
    }
    switch (type) {
      case FLOAT64:
        double d = (Double) v;
        return Double.isFinite(d) ? Double.toString(d) : "cast('" + d + "' as float64)";
      case STRING:
        {
          StringBuilder sb = new StringBuilder();
          Leaf.Lit.quote((String) v, sb);
          return sb.toString();
        }
      case TIMESTAMP:
        return "cast(" + v + " as timestamp)";
      default:
        return v.toString();
    }
  }

  private static String[] columnsOf(DataType type) {
    switch (type) {
      case BOOL:
        return new String[] {"b", "c"};
      case INT64:
        return new String[] {"i", "j"};
      case FLOAT64:
        return new String[] {"x", "y", "v.f"};
      case STRING:
        return new String[] {"s", "t"};
      default:
        return new String[] {"ts", "ts2"};
    }
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }
}
