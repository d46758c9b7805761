package dev.parity.definitions.expr;

/**
 * Comparison operators and their semantics. Doubles use Java's primitive comparisons: NaN is
 * neither equal to, less than nor greater than anything (so {@code !=} is true), and -0.0 equals
 * 0.0. Other types compare through a three-way result: int64 and timestamp numerically, bool with
 * false < true, strings in code point order.
 */
enum Cmp {
  EQ("="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">=");

  final String symbol;

  Cmp(String symbol) {
    this.symbol = symbol;
  }

  static Cmp of(String symbol) {
    for (Cmp c : values()) {
      if (c.symbol.equals(symbol)) {
        return c;
      }
    }
    throw new IllegalArgumentException("not a comparison: " + symbol);
  }

  boolean test(double a, double b) {
    switch (this) {
      case EQ:
        return a == b;
      case NE:
        return a != b;
      case LT:
        return a < b;
      case LE:
        return a <= b;
      case GT:
        return a > b;
      default:
        return a >= b;
    }
  }

  boolean test(long a, long b) {
    switch (this) {
      case EQ:
        return a == b;
      case NE:
        return a != b;
      case LT:
        return a < b;
      case LE:
        return a <= b;
      case GT:
        return a > b;
      default:
        return a >= b;
    }
  }

  /** From a three-way comparison result. */
  boolean test(int c) {
    return test(c, 0);
  }
}
