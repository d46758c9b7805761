package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.Leaf.Lit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Type rules of the built-in functions: arity, argument types, result type and kernel. */
final class Functions {
  static final List<String> NAMES =
      List.of(
          "if", "coalesce", "is_null", "abs", "log", "log1p", "exp", "sqrt", "pow", "floor", "ceil", "round", "clip",
          "min", "max", "lower", "upper", "length", "concat", "substr", "contains", "starts_with", "bucketize",
          "hash_bucket", "hour_of_day", "day_of_week", "days_between", "cast");

  private final Checker checker;

  Functions(Checker checker) {
    this.checker = checker;
  }

  Node call(Ast.Call c) {
    String name = c.name();
    List<Ast> a = c.args();
    int at = c.offset();
    switch (name) {
      case "if":
        {
          arity(c, 3, 3);
          Node cond = checker.coerce(checker.check(a.get(0)), DataType.BOOL, a.get(0).offset(), expects(name, "a bool condition"));
          List<Node> branches = List.of(checker.check(a.get(1)), checker.check(a.get(2)));
          DataType t = Checker.unify(branches, at, "function 'if'");
          if (t == null) {
            return new Lit(null, null);
          }
          String what = expects(name, "branches of one type");
          return fold(new SpecialNodes.If(cond, checker.coerce(branches.get(0), t, at, what), checker.coerce(branches.get(1), t, at, what)));
        }
      case "coalesce":
        {
          arity(c, 1, Integer.MAX_VALUE);
          List<Node> args = checkAll(a);
          DataType t = Checker.unify(args, at, "function 'coalesce'");
          if (t == null) {
            return new Lit(null, null);
          }
          List<Node> typed = new ArrayList<>();
          for (Node n : args) {
            typed.add(checker.coerce(n, t, at, expects(name, "arguments of one type")));
          }
          return fold(new SpecialNodes.Coalesce(t, typed));
        }
      case "is_null":
        {
          arity(c, 1, 1);
          Node x = checker.check(a.get(0));
          return x.type == null ? new Lit(DataType.BOOL, true) : fold(new SpecialNodes.IsNull(x));
        }
      case "abs":
        {
          arity(c, 1, 1);
          Node x = numeric(name, a.get(0));
          return x.type == DataType.INT64
              ? fold(new UnaryNodes.LL(DataType.INT64, x, Kernels::abs, "abs(", ")"))
              : fold(new UnaryNodes.DD(DataType.FLOAT64, x, Kernels::abs, "abs(", ")"));
        }
      case "log":
        return floatFn(c, Kernels::log);
      case "log1p":
        return floatFn(c, Kernels::log1p);
      case "exp":
        return floatFn(c, Kernels::exp);
      case "sqrt":
        return floatFn(c, Kernels::sqrt);
      case "floor":
        return floatFn(c, Kernels::floor);
      case "ceil":
        return floatFn(c, Kernels::ceil);
      case "round":
        return floatFn(c, Kernels::round);
      case "pow":
        {
          arity(c, 2, 2);
          return fold(new BinaryNodes.DDD(toFloat(name, a.get(0)), toFloat(name, a.get(1)), Kernels::pow, "pow(", ", "));
        }
      case "min":
      case "max":
        {
          arity(c, 2, 2);
          return minMax(name, checker.check(a.get(0)), checker.check(a.get(1)), at);
        }
      case "clip":
        {
          // clip(x, lo, hi) is defined as min(max(x, lo), hi), and printed that way.
          arity(c, 3, 3);
          Node x = checker.check(a.get(0));
          Node lo = checker.check(a.get(1));
          Node hi = checker.check(a.get(2));
          DataType t = numericType(name, List.of(x, lo, hi), at);
          return minMax("min", minMax("max", checker.coerce(x, t, at, name), checker.coerce(lo, t, at, name), at), hi, at);
        }
      case "lower":
        arity(c, 1, 1);
        return fold(new UnaryNodes.SS(DataType.STRING, string(name, a.get(0)), StringKernels::lower, "lower(", ")"));
      case "upper":
        arity(c, 1, 1);
        return fold(new UnaryNodes.SS(DataType.STRING, string(name, a.get(0)), StringKernels::upper, "upper(", ")"));
      case "length":
        arity(c, 1, 1);
        return fold(new UnaryNodes.SL(DataType.INT64, string(name, a.get(0)), (s, o, l, f) -> StringKernels.length(s, o, l), "length(", ")"));
      case "concat":
        {
          arity(c, 1, Integer.MAX_VALUE);
          List<Node> args = new ArrayList<>();
          for (Ast arg : a) {
            args.add(string(name, arg));
          }
          return fold(new SpecialNodes.Concat(args));
        }
      case "substr":
        {
          arity(c, 2, 3);
          Node s = string(name, a.get(0));
          Node start = typed(name, a.get(1), DataType.INT64, "an int64 start");
          Node count = a.size() == 3 ? typed(name, a.get(2), DataType.INT64, "an int64 length") : null;
          return fold(new SpecialNodes.Substr(s, start, count));
        }
      case "contains":
        arity(c, 2, 2);
        return fold(new BinaryNodes.SSB(string(name, a.get(0)), string(name, a.get(1)), StringKernels::contains, "contains(", ", "));
      case "starts_with":
        arity(c, 2, 2);
        return fold(new BinaryNodes.SSB(string(name, a.get(0)), string(name, a.get(1)), StringKernels::startsWith, "starts_with(", ", "));
      case "bucketize":
        return bucketize(c);
      case "hash_bucket":
        {
          arity(c, 2, 2);
          Node s = string(name, a.get(0));
          long n = positiveConstant(a.get(1));
          return fold(new UnaryNodes.SL(DataType.INT64, s, (b, o, l, f) -> StringKernels.hashBucket(b, o, l, n), "hash_bucket(", ", " + n + ")"));
        }
      case "hour_of_day":
        arity(c, 1, 1);
        return fold(new UnaryNodes.LL(DataType.INT64, typed(name, a.get(0), DataType.TIMESTAMP, "a timestamp"), Kernels::hourOfDay, "hour_of_day(", ")"));
      case "day_of_week":
        arity(c, 1, 1);
        return fold(new UnaryNodes.LL(DataType.INT64, typed(name, a.get(0), DataType.TIMESTAMP, "a timestamp"), Kernels::dayOfWeek, "day_of_week(", ")"));
      case "days_between":
        {
          arity(c, 2, 2);
          Node from = typed(name, a.get(0), DataType.TIMESTAMP, "timestamps");
          Node to = typed(name, a.get(1), DataType.TIMESTAMP, "timestamps");
          return fold(new BinaryNodes.LLL(DataType.INT64, from, to, Kernels::daysBetween, "days_between(", ", "));
        }
      default:
        throw new ExpressionException(at, "unknown function '" + name + "'" + suggestion(name));
    }
  }

  private static Node fold(Node n) {
    return Checker.fold(n);
  }

  private static String expects(String fn, String what) {
    return "function '" + fn + "' expects " + what;
  }

  private static void arity(Ast.Call c, int min, int max) {
    int n = c.args().size();
    if (n >= min && n <= max) {
      return;
    }
    String expected =
        min == max ? min + " argument" + (min == 1 ? "" : "s") : max == Integer.MAX_VALUE ? "at least " + min + " argument" + (min == 1 ? "" : "s") : min + " or " + max + " arguments";
    throw new ExpressionException(c.offset(), "function '" + c.name() + "' expects " + expected + ", got " + n);
  }

  private List<Node> checkAll(List<Ast> args) {
    List<Node> out = new ArrayList<>();
    for (Ast a : args) {
      out.add(checker.check(a));
    }
    return out;
  }

  private Node typed(String fn, Ast arg, DataType t, String what) {
    return checker.coerce(checker.check(arg), t, arg.offset(), expects(fn, what));
  }

  private Node string(String fn, Ast arg) {
    return typed(fn, arg, DataType.STRING, "a string");
  }

  private Node toFloat(String fn, Ast arg) {
    return typed(fn, arg, DataType.FLOAT64, "a number");
  }

  private Node numeric(String fn, Ast arg) {
    Node x = checker.check(arg);
    if (x.type == null) {
      throw new ExpressionException(arg.offset(), "cannot infer the type of null for function '" + fn + "': write cast(null as <type>)");
    }
    if (!x.type.isNumeric()) {
      throw new ExpressionException(arg.offset(), expects(fn, "a number") + ", got " + x.type);
    }
    return x;
  }

  private Node floatFn(Ast.Call c, Fn.DD kernel) {
    arity(c, 1, 1);
    return fold(new UnaryNodes.DD(DataType.FLOAT64, toFloat(c.name(), c.args().get(0)), kernel, c.name() + "(", ")"));
  }

  private static DataType numericType(String fn, List<Node> args, int at) {
    for (Node n : args) {
      if (n.type != null && !n.type.isNumeric()) {
        throw new ExpressionException(at, expects(fn, "numbers") + ", got " + n.type);
      }
    }
    DataType t = Checker.unify(args, at, "function '" + fn + "'");
    if (t == null) {
      throw new ExpressionException(at, "cannot infer the type of null for function '" + fn + "': write cast(null as <type>)");
    }
    return t;
  }

  private Node minMax(String fn, Node x, Node y, int at) {
    DataType t = numericType(fn, List.of(x, y), at);
    Node a = checker.coerce(x, t, at, fn);
    Node b = checker.coerce(y, t, at, fn);
    boolean isMin = fn.equals("min");
    if (t == DataType.INT64) {
      return fold(new BinaryNodes.LLL(DataType.INT64, a, b, isMin ? Kernels::min : Kernels::max, fn + "(", ", "));
    }
    return fold(new BinaryNodes.DDD(a, b, isMin ? Kernels::min : Kernels::max, fn + "(", ", "));
  }

  private Node bucketize(Ast.Call c) {
    arity(c, 2, 2);
    Node x = toFloat("bucketize", c.args().get(0));
    Ast listAst = c.args().get(1);
    if (!(listAst instanceof Ast.ListLiteral list) || list.items().isEmpty()) {
      throw new ExpressionException(listAst.offset(), "function 'bucketize' expects a non-empty list of boundaries [b1, b2, ...]");
    }
    double[] bounds = new double[list.items().size()];
    StringBuilder printed = new StringBuilder(", [");
    for (int i = 0; i < bounds.length; i++) {
      Ast item = list.items().get(i);
      Node b = checker.check(item);
      if (!(b instanceof Lit lit) || lit.isNull() || b.type == null || !b.type.isNumeric()) {
        throw new ExpressionException(item.offset(), "bucketize boundaries must be constant numbers");
      }
      bounds[i] = b.type == DataType.INT64 ? (double) (Long) lit.value : (Double) lit.value;
      if (Double.isNaN(bounds[i])) {
        throw new ExpressionException(item.offset(), "bucketize boundaries must not be NaN");
      }
      if (i > 0 && !(bounds[i] > bounds[i - 1])) {
        throw new ExpressionException(item.offset(), "bucketize boundaries must be strictly increasing");
      }
      printed.append(i > 0 ? ", " : "").append(bounds[i]);
    }
    printed.append("])");
    return fold(new UnaryNodes.DL(DataType.INT64, x, (v, f) -> Kernels.bucketize(v, bounds, f), "bucketize(", printed.toString()));
  }

  private long positiveConstant(Ast arg) {
    Node n = checker.check(arg);
    if (!(n instanceof Lit lit) || lit.isNull() || n.type != DataType.INT64 || (Long) lit.value <= 0) {
      throw new ExpressionException(arg.offset(), "function 'hash_bucket' expects a positive int64 constant bucket count");
    }
    return (Long) lit.value;
  }

  private static String suggestion(String name) {
    String best = NAMES.stream().min(Comparator.comparingInt(n -> distance(n, name))).orElseThrow();
    return distance(best, name) <= 2 ? " (did you mean '" + best + "'?)" : "";
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
