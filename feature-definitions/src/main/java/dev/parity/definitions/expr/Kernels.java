package dev.parity.definitions.expr;

/**
 * The scalar semantics of every numeric, boolean and time operation: the only place they are
 * written. The row evaluator, the vectorized evaluator and constant folding all call these
 * methods, so they cannot diverge. Kernels receive non-null operands (null propagation happens in
 * the nodes), never throw, and report a null result through {@link NullFlag}. Transcendental
 * functions use {@link StrictMath} so results are identical on every JVM.
 */
final class Kernels {
  static final long MICROS_PER_SECOND = 1_000_000L;
  static final long MICROS_PER_HOUR = 3_600_000_000L;
  static final long MICROS_PER_DAY = 86_400_000_000L;

  private Kernels() {}

  // ---- int64 arithmetic: overflow gives null, never wraps ----

  static long add(long a, long b, NullFlag f) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      f.isNull = true;
      return 0;
    }
    return r;
  }

  static long sub(long a, long b, NullFlag f) {
    long r = a - b;
    if (((a ^ b) & (a ^ r)) < 0) {
      f.isNull = true;
      return 0;
    }
    return r;
  }

  static long mul(long a, long b, NullFlag f) {
    long lo = a * b;
    if (Math.multiplyHigh(a, b) != (lo >> 63)) {
      f.isNull = true;
      return 0;
    }
    return lo;
  }

  /** Remainder with the sign of the dividend (Java, SQL, C); zero divisor gives null. */
  static long mod(long a, long b, NullFlag f) {
    if (b == 0) {
      f.isNull = true;
      return 0;
    }
    return a % b;
  }

  static long neg(long a, NullFlag f) {
    if (a == Long.MIN_VALUE) {
      f.isNull = true;
      return 0;
    }
    return -a;
  }

  static long abs(long a, NullFlag f) {
    return a < 0 ? neg(a, f) : a;
  }

  static long min(long a, long b, NullFlag f) {
    return Math.min(a, b);
  }

  static long max(long a, long b, NullFlag f) {
    return Math.max(a, b);
  }

  // ---- float64 arithmetic: IEEE-754, except that a zero divisor gives null ----

  static double add(double a, double b, NullFlag f) {
    return a + b;
  }

  static double sub(double a, double b, NullFlag f) {
    return a - b;
  }

  static double mul(double a, double b, NullFlag f) {
    return a * b;
  }

  /** Zero divisor (0.0 or -0.0) gives null; otherwise IEEE division. */
  static double div(double a, double b, NullFlag f) {
    if (b == 0.0) {
      f.isNull = true;
      return 0;
    }
    return a / b;
  }

  /** Java's floating remainder (sign of the dividend, like C fmod); zero divisor gives null. */
  static double mod(double a, double b, NullFlag f) {
    if (b == 0.0) {
      f.isNull = true;
      return 0;
    }
    return a % b;
  }

  static double pow(double a, double b, NullFlag f) {
    return StrictMath.pow(a, b);
  }

  /** {@link Math#min}: NaN if either is NaN, and -0.0 is smaller than 0.0. */
  static double min(double a, double b, NullFlag f) {
    return StrictMath.min(a, b);
  }

  /** {@link Math#max}: NaN if either is NaN, and 0.0 is larger than -0.0. */
  static double max(double a, double b, NullFlag f) {
    return StrictMath.max(a, b);
  }

  static double neg(double a) {
    return -a;
  }

  static double abs(double a) {
    return StrictMath.abs(a);
  }

  static double log(double a) {
    return StrictMath.log(a);
  }

  static double log1p(double a) {
    return StrictMath.log1p(a);
  }

  static double exp(double a) {
    return StrictMath.exp(a);
  }

  static double sqrt(double a) {
    return StrictMath.sqrt(a);
  }

  static double floor(double a) {
    return StrictMath.floor(a);
  }

  static double ceil(double a) {
    return StrictMath.ceil(a);
  }

  /** Half away from zero; keeps the sign (round(-0.3) is -0.0); NaN and infinities unchanged. */
  static double round(double a) {
    if (Double.isNaN(a) || Double.isInfinite(a)) {
      return a;
    }
    double m = StrictMath.abs(a);
    double t = StrictMath.floor(m);
    // m - t is exact for |a| < 2^52; above that every double is an integer and the difference is 0.
    if (m - t >= 0.5) {
      t += 1.0;
    }
    return StrictMath.copySign(t, a);
  }

  // ---- three-valued logic: operands and results coded FALSE = 0, TRUE = 1, NULL = 2 ----

  static final int FALSE = 0;
  static final int TRUE = 1;
  static final int NULL = 2;

  static int code(boolean value, boolean isNull) {
    return isNull ? NULL : value ? TRUE : FALSE;
  }

  /** false if either is false; else null if either is null; else true. */
  static int and(int a, int b) {
    if (a == FALSE || b == FALSE) {
      return FALSE;
    }
    return a == NULL || b == NULL ? NULL : TRUE;
  }

  /** true if either is true; else null if either is null; else false. */
  static int or(int a, int b) {
    if (a == TRUE || b == TRUE) {
      return TRUE;
    }
    return a == NULL || b == NULL ? NULL : FALSE;
  }

  static boolean not(boolean a) {
    return !a;
  }

  // ---- bucketize ----

  /** Number of {@code boundaries} (sorted ascending, no NaN) that are {@code <= x}; NaN gives null. */
  static long bucketize(double x, double[] boundaries, NullFlag f) {
    if (Double.isNaN(x)) {
      f.isNull = true;
      return 0;
    }
    int lo = 0;
    int hi = boundaries.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (boundaries[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // ---- time (UTC, timestamps in epoch microseconds) ----

  static long hourOfDay(long ts, NullFlag f) {
    return Math.floorMod(ts, MICROS_PER_DAY) / MICROS_PER_HOUR;
  }

  /** ISO day of week: 1 = Monday ... 7 = Sunday. 1970-01-01 was a Thursday (4). */
  static long dayOfWeek(long ts, NullFlag f) {
    return Math.floorMod(Math.floorDiv(ts, MICROS_PER_DAY) + 3, 7) + 1;
  }

  /** floorDiv(b - a, one day); null if {@code b - a} overflows int64. */
  static long daysBetween(long a, long b, NullFlag f) {
    long d = sub(b, a, f);
    return f.isNull ? 0 : Math.floorDiv(d, MICROS_PER_DAY);
  }

  // ---- casts between non-string types ----

  /** Truncates toward zero; NaN or a value outside int64 gives null. */
  static long floatToInt(double d, NullFlag f) {
    if (!(d >= -0x1p63 && d < 0x1p63)) {
      f.isNull = true;
      return 0;
    }
    return (long) d;
  }

  static double intToFloat(long a) {
    return a;
  }

  static long boolToInt(boolean b) {
    return b ? 1 : 0;
  }

  static double boolToFloat(boolean b) {
    return b ? 1.0 : 0.0;
  }

  static boolean intToBool(long a) {
    return a != 0;
  }

  /** Non-zero is true; NaN is true (as in Python's bool(float('nan'))). */
  static boolean floatToBool(double d) {
    return d != 0.0;
  }
}
