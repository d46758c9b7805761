package dev.parity.definitions.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.Leaf.Lit;
import dev.parity.definitions.expr.Leaf.Ref;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Types the syntax tree against a {@link Scope}, inserts the int64 to float64 promotions, and folds
 * every subtree whose operands are all constants by evaluating it with the same nodes and kernels
 * used at run time. An untyped {@code null} literal is a {@link Lit} with a null type until its
 * context gives it one.
 */
final class Checker {
  private final Scope scope;
  private final Map<String, Integer> slots = new HashMap<>();
  final List<String> inputs = new ArrayList<>();
  final List<DataType> inputTypes = new ArrayList<>();
  private final Functions functions = new Functions(this);

  Checker(Scope scope) {
    this.scope = scope;
  }

  Node checkRoot(Ast ast) {
    Node n = check(ast);
    if (n.type == null) {
      throw new ExpressionException(ast.offset(), "cannot infer the type of null: write cast(null as <type>)");
    }
    return n;
  }

  Node check(Ast ast) {
    if (ast instanceof Ast.Literal lit) {
      return literal(lit.value());
    }
    if (ast instanceof Ast.Name name) {
      return reference(name);
    }
    if (ast instanceof Ast.Unary u) {
      return unary(u);
    }
    if (ast instanceof Ast.Binary b) {
      return binary(b);
    }
    if (ast instanceof Ast.Call c) {
      return functions.call(c);
    }
    if (ast instanceof Ast.Cast c) {
      return Casts.cast(this, check(c.operand()), c.target(), c.offset());
    }
    throw new ExpressionException(ast.offset(), "a list [...] is only allowed as the second argument of bucketize");
  }

  static Lit literal(Object value) {
    if (value == null) {
      return new Lit(null, null);
    }
    if (value instanceof Boolean) {
      return new Lit(DataType.BOOL, value);
    }
    if (value instanceof Long) {
      return new Lit(DataType.INT64, value);
    }
    if (value instanceof Double) {
      return new Lit(DataType.FLOAT64, value);
    }
    return new Lit(DataType.STRING, ((String) value).getBytes(UTF_8));
  }

  private Node reference(Ast.Name name) {
    DataType type =
        scope
            .typeOf(name.name())
            .orElseThrow(() -> new ExpressionException(name.offset(), "unknown column '" + name.name() + "'"));
    Integer slot = slots.get(name.name());
    if (slot == null) {
      slot = inputs.size();
      slots.put(name.name(), slot);
      inputs.add(name.name());
      inputTypes.add(type);
    }
    return new Ref(type, name.name(), slot);
  }

  private Node unary(Ast.Unary u) {
    Node x = check(u.operand());
    if (u.op().equals("not")) {
      Node b = coerce(x, DataType.BOOL, u.offset(), "operator 'not' expects a bool");
      return fold(new UnaryNodes.BB(DataType.BOOL, b, Kernels::not, "(not ", ")"));
    }
    requireTyped(x, u.offset(), "operator '-'");
    if (x.type == DataType.INT64) {
      return fold(new UnaryNodes.LL(DataType.INT64, x, Kernels::neg, "(-", ")"));
    }
    if (x.type == DataType.FLOAT64) {
      return fold(new UnaryNodes.DD(DataType.FLOAT64, x, Kernels::neg, "(-", ")"));
    }
    throw new ExpressionException(u.offset(), "operator '-' expects a number, got " + x.type);
  }

  private Node binary(Ast.Binary b) {
    Node l = check(b.left());
    Node r = check(b.right());
    String op = b.op();
    int at = b.offset();
    switch (op) {
      case "and":
      case "or":
        {
          String what = "operator '" + op + "' expects bools";
          return fold(new SpecialNodes.Logic(op.equals("or"), coerce(l, DataType.BOOL, at, what), coerce(r, DataType.BOOL, at, what)));
        }
      case "/":
        {
          String what = "operator '/' expects numbers";
          Node fl = coerce(l, DataType.FLOAT64, at, what);
          Node fr = coerce(r, DataType.FLOAT64, at, what);
          return fold(new BinaryNodes.DDD(fl, fr, Kernels::div, "(", " / "));
        }
      case "+":
      case "-":
      case "*":
      case "%":
        return arithmetic(op, l, r, at);
      default:
        {
          DataType t = unify(List.of(l, r), at, "operator '" + op + "'");
          if (t == null) {
            throw new ExpressionException(at, "cannot infer the type of null on both sides of '" + op + "': write cast(null as <type>)");
          }
          String what = "operator '" + op + "' compares values of one type";
          return fold(new BinaryNodes.Compare(Cmp.of(op), coerce(l, t, at, what), coerce(r, t, at, what)));
        }
    }
  }

  private Node arithmetic(String op, Node l, Node r, int at) {
    String what = "operator '" + op + "'";
    for (Node x : List.of(l, r)) {
      if (x.type != null && !x.type.isNumeric()) {
        String hint = op.equals("+") && x.type == DataType.STRING ? " (use concat for strings)" : "";
        throw new ExpressionException(at, what + " expects numbers, got " + x.type + hint);
      }
    }
    DataType t = unify(List.of(l, r), at, what);
    if (t == null) {
      throw new ExpressionException(at, "cannot infer the type of null on both sides of '" + op + "': write cast(null as <type>)");
    }
    Node a = coerce(l, t, at, what);
    Node b = coerce(r, t, at, what);
    String mid = " " + op + " ";
    if (t == DataType.INT64) {
      Fn.LLL k = op.equals("+") ? Kernels::add : op.equals("-") ? Kernels::sub : op.equals("*") ? Kernels::mul : Kernels::mod;
      return fold(new BinaryNodes.LLL(DataType.INT64, a, b, k, "(", mid));
    }
    Fn.DDD k = op.equals("+") ? Kernels::add : op.equals("-") ? Kernels::sub : op.equals("*") ? Kernels::mul : Kernels::mod;
    return fold(new BinaryNodes.DDD(a, b, k, "(", mid));
  }

  // ---- helpers shared with Functions and Casts ----

  static void requireTyped(Node x, int at, String what) {
    if (x.type == null) {
      throw new ExpressionException(at, "cannot infer the type of null for " + what + ": write cast(null as <type>)");
    }
  }

  /**
   * The common type of {@code nodes}: all equal, or int64 mixed with float64 (float64). Untyped
   * nulls are ignored; null if all are untyped.
   */
  static DataType unify(List<Node> nodes, int at, String what) {
    DataType t = null;
    for (Node n : nodes) {
      if (n.type == null || n.type == t) {
        continue;
      }
      if (t == null) {
        t = n.type;
      } else if (t.isNumeric() && n.type.isNumeric()) {
        t = DataType.FLOAT64;
      } else {
        throw new ExpressionException(at, what + " needs operands of one type, got " + t + " and " + n.type);
      }
    }
    return t;
  }

  /** {@code x} as {@code target}: a typed null, itself, or int64 promoted to float64. */
  Node coerce(Node x, DataType target, int at, String what) {
    if (x.type == null) {
      return new Lit(target, null);
    }
    if (x.type == target) {
      return x;
    }
    if (x.type == DataType.INT64 && target == DataType.FLOAT64) {
      return fold(new UnaryNodes.LD(DataType.FLOAT64, x, Kernels::intToFloat, "cast(", " as float64)"));
    }
    throw new ExpressionException(at, what + ", got " + x.type);
  }

  /** Replaces a node whose operands are all constants by its value. */
  static Node fold(Node n) {
    for (Node c : n.children()) {
      if (!(c instanceof Lit)) {
        return n;
      }
    }
    if (n instanceof Lit || n instanceof Ref) {
      return n;
    }
    return new Lit(n.type, n.evalBoxed(new Object[0]));
  }
}
