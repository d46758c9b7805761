package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One promotion gate of a model, TFX-style: a value threshold ({@code auc >= 0.80}) or a change
 * threshold against the version that holds the {@code champion} alias
 * ({@code auc >= champion - 0.005}, {@code latency_p99_ms <= champion * 1.1}).
 *
 * <p>A change threshold has an {@code offset} ({@code champion + x}, {@code champion - x}) or a
 * {@code factor} ({@code champion * x}); a value threshold has neither and compares against
 * {@code value}. Immutable.
 *
 * @param metric the metric the gate reads
 * @param comparison how the candidate's metric must compare to the bound
 * @param relative whether the bound is computed from the champion's value of the same metric
 * @param operator for a change threshold: {@code '+'} or {@code '*'} ({@code champion - x} is
 *     stored as {@code '+'} with {@code -x}); ignored for a value threshold
 * @param value the threshold, the offset or the factor
 */
public record ModelGate(String metric, Comparison comparison, boolean relative, char operator, double value) {
  private static final Pattern METRIC = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,127}");
  private static final Pattern GATE = Pattern.compile(
      "\\s*(\\S+)\\s*(>=|<=|>|<)\\s*(?:(champion)\\s*(?:([+*-])\\s*(\\S+))?|(\\S+))\\s*");

  /** The comparisons a gate can make. */
  public enum Comparison {
    AT_LEAST(">="), AT_MOST("<="), ABOVE(">"), BELOW("<");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written in a gate. */
    public String symbol() {
      return symbol;
    }

    boolean holds(double candidate, double bound) {
      return switch (this) {
        case AT_LEAST -> candidate >= bound;
        case AT_MOST -> candidate <= bound;
        case ABOVE -> candidate > bound;
        case BELOW -> candidate < bound;
      };
    }

    static Comparison of(String symbol) {
      for (Comparison c : values()) {
        if (c.symbol.equals(symbol)) {
          return c;
        }
      }
      throw new IllegalArgumentException("unknown comparison '" + symbol + "'");
    }
  }

  public ModelGate {
    requireNonNull(metric, "metric is null");
    if (!METRIC.matcher(metric).matches()) {
      throw new IllegalArgumentException("invalid metric name '" + metric + "' (letters, digits, '_' and '.')");
    }
    requireNonNull(comparison, "comparison is null");
    if (relative && operator != '+' && operator != '*') {
      throw new IllegalArgumentException("a change threshold uses champion + x, champion - x or champion * x");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("gate threshold must be a finite number, got " + value);
    }
    if (!relative) {
      operator = ' ';
    }
  }

  /**
   * Parses a gate as written in a {@code models:} block.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static ModelGate parse(String text) {
    requireNonNull(text, "gate is null");
    Matcher m = GATE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid gate '" + text.strip() + "': expected 'METRIC OP NUMBER' or "
          + "'METRIC OP champion [+|-|* NUMBER]' with OP one of >= <= > <");
    }
    Comparison comparison = Comparison.of(m.group(2));
    if (m.group(3) == null) {
      return new ModelGate(m.group(1), comparison, false, ' ', number(m.group(6), text));
    }
    if (m.group(4) == null) {
      return new ModelGate(m.group(1), comparison, true, '+', 0);
    }
    double operand = number(m.group(5), text);
    return switch (m.group(4)) {
      case "-" -> new ModelGate(m.group(1), comparison, true, '+', -operand);
      case "+" -> new ModelGate(m.group(1), comparison, true, '+', operand);
      default -> new ModelGate(m.group(1), comparison, true, '*', operand);
    };
  }

  private static double number(String token, String text) {
    try {
      double value = Double.parseDouble(token);
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the whole gate
    }
    throw new IllegalArgumentException("invalid gate '" + text.strip() + "': '" + token + "' is not a number");
  }

  /**
   * Checks this gate against the candidate's metrics and, for a change threshold, the
   * champion's. A metric the gate needs and the candidate (or the champion) lacks fails the gate;
   * a change threshold with no champion passes with "no baseline".
   */
  public GateResult check(Map<String, Double> candidate, Optional<Map<String, Double>> champion) {
    Double mine = candidate.get(metric);
    if (mine == null) {
      return new GateResult(toString(), false, "the candidate has no metric '" + metric + "'");
    }
    if (!relative) {
      boolean ok = comparison.holds(mine, value);
      return new GateResult(toString(), ok, metric + " = " + mine + (ok ? " " : " not ") + comparison.symbol + " "
          + value);
    }
    if (champion.isEmpty()) {
      return new GateResult(toString(), true, "no baseline: no version holds the champion alias");
    }
    Double theirs = champion.get().get(metric);
    if (theirs == null) {
      return new GateResult(toString(), false, "the champion has no metric '" + metric + "'");
    }
    double bound = operator == '*' ? theirs * value : theirs + value;
    boolean ok = comparison.holds(mine, bound);
    return new GateResult(toString(), ok, metric + " = " + mine + (ok ? " " : " not ") + comparison.symbol + " "
        + bound + " (champion " + theirs + ")");
  }

  /** The gate as it would be written. */
  @Override
  public String toString() {
    if (!relative) {
      return metric + " " + comparison.symbol + " " + value;
    }
    if (operator == '*') {
      return metric + " " + comparison.symbol + " champion * " + value;
    }
    if (value == 0) {
      return metric + " " + comparison.symbol + " champion";
    }
    return metric + " " + comparison.symbol + " champion " + (value < 0 ? "- " + -value : "+ " + value);
  }
}
