package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;
import java.util.List;

/** Nodes that are not plain strict functions: logic, if, coalesce, is_null, concat, substr. */
final class SpecialNodes {
  private SpecialNodes() {}

  /** {@code and} / {@code or} with three-valued logic (Kernels.and / Kernels.or). */
  static final class Logic extends Node {
    private final boolean isOr;
    private final Node left;
    private final Node right;

    Logic(boolean isOr, Node left, Node right) {
      super(DataType.BOOL);
      this.isOr = isOr;
      this.left = left;
      this.right = right;
    }

    private int combine(int a, int b) {
      return isOr ? Kernels.or(a, b) : Kernels.and(a, b);
    }

    @Override
    boolean evalBool(Object[] row, NullFlag f) {
      boolean a = left.evalBool(row, f);
      int ac = Kernels.code(a, f.isNull);
      f.isNull = false;
      boolean b = right.evalBool(row, f);
      int r = combine(ac, Kernels.code(b, f.isNull));
      f.isNull = r == Kernels.NULL;
      return r == Kernels.TRUE;
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = left.evalBatch(batch);
      Vec b = right.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.bools(n);
      for (int i = 0; i < n; i++) {
        int r = combine(Kernels.code(a.bools[i], a.nulls[i]), Kernels.code(b.bools[i], b.nulls[i]));
        out.nulls[i] = r == Kernels.NULL;
        out.bools[i] = r == Kernels.TRUE;
      }
      return out;
    }

    @Override
    void print(StringBuilder sb) {
      sb.append('(');
      left.print(sb);
      sb.append(isOr ? " or " : " and ");
      right.print(sb);
      sb.append(')');
    }

    @Override
    List<Node> children() {
      return List.of(left, right);
    }
  }

  /** {@code if(c, a, b)}: a when c is true, b when c is false or null. */
  static final class If extends Node {
    private final Node cond;
    private final Node then;
    private final Node otherwise;

    If(Node cond, Node then, Node otherwise) {
      super(then.type);
      this.cond = cond;
      this.then = then;
      this.otherwise = otherwise;
    }

    private Node branch(Object[] row, NullFlag f) {
      boolean c = cond.evalBool(row, f);
      boolean taken = c && !f.isNull;
      f.isNull = false;
      return taken ? then : otherwise;
    }

    @Override
    long evalLong(Object[] row, NullFlag f) {
      return branch(row, f).evalLong(row, f);
    }

    @Override
    double evalDouble(Object[] row, NullFlag f) {
      return branch(row, f).evalDouble(row, f);
    }

    @Override
    boolean evalBool(Object[] row, NullFlag f) {
      return branch(row, f).evalBool(row, f);
    }

    @Override
    byte[] evalString(Object[] row, NullFlag f) {
      return branch(row, f).evalString(row, f);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec c = cond.evalBatch(batch);
      Vec[] sources = {then.evalBatch(batch), otherwise.evalBatch(batch)};
      int n = batch.n();
      int[] choice = new int[n];
      for (int i = 0; i < n; i++) {
        choice[i] = c.bools[i] && !c.nulls[i] ? 0 : 1;
      }
      return Gather.gather(type, sources, choice, n);
    }

    @Override
    void print(StringBuilder sb) {
      Calls.print("if", children(), sb);
    }

    @Override
    List<Node> children() {
      return List.of(cond, then, otherwise);
    }
  }

  /** {@code coalesce(a, ...)}: the first non-null argument, else null. */
  static final class Coalesce extends Node {
    private final List<Node> args;

    Coalesce(DataType type, List<Node> args) {
      super(type);
      this.args = List.copyOf(args);
    }

    @Override
    long evalLong(Object[] row, NullFlag f) {
      for (Node a : args) {
        f.isNull = false;
        long v = a.evalLong(row, f);
        if (!f.isNull) {
          return v;
        }
      }
      return 0;
    }

    @Override
    double evalDouble(Object[] row, NullFlag f) {
      for (Node a : args) {
        f.isNull = false;
        double v = a.evalDouble(row, f);
        if (!f.isNull) {
          return v;
        }
      }
      return 0;
    }

    @Override
    boolean evalBool(Object[] row, NullFlag f) {
      for (Node a : args) {
        f.isNull = false;
        boolean v = a.evalBool(row, f);
        if (!f.isNull) {
          return v;
        }
      }
      return false;
    }

    @Override
    byte[] evalString(Object[] row, NullFlag f) {
      for (Node a : args) {
        f.isNull = false;
        byte[] v = a.evalString(row, f);
        if (!f.isNull) {
          return v;
        }
      }
      return null;
    }

    @Override
    Vec evalBatch(Batch batch) {
      int n = batch.n();
      Vec[] sources = new Vec[args.size()];
      for (int k = 0; k < sources.length; k++) {
        sources[k] = args.get(k).evalBatch(batch);
      }
      int[] choice = new int[n];
      for (int i = 0; i < n; i++) {
        int k = 0;
        while (k < sources.length && sources[k].nulls[i]) {
          k++;
        }
        choice[i] = k == sources.length ? -1 : k;
      }
      return Gather.gather(type, sources, choice, n);
    }

    @Override
    void print(StringBuilder sb) {
      Calls.print("coalesce", args, sb);
    }

    @Override
    List<Node> children() {
      return args;
    }
  }

  /** {@code is_null(x)}: never null itself. */
  static final class IsNull extends Node {
    private final Node arg;

    IsNull(Node arg) {
      super(DataType.BOOL);
      this.arg = arg;
    }

    @Override
    boolean evalBool(Object[] row, NullFlag f) {
      switch (arg.type) {
        case BOOL:
          arg.evalBool(row, f);
          break;
        case INT64:
        case TIMESTAMP:
          arg.evalLong(row, f);
          break;
        case FLOAT64:
          arg.evalDouble(row, f);
          break;
        default:
          arg.evalString(row, f);
          break;
      }
      boolean result = f.isNull;
      f.isNull = false;
      return result;
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      Vec out = Vec.bools(batch.n());
      System.arraycopy(a.nulls, 0, out.bools, 0, batch.n());
      return out;
    }

    @Override
    void print(StringBuilder sb) {
      Calls.print("is_null", children(), sb);
    }

    @Override
    List<Node> children() {
      return List.of(arg);
    }
  }

  /** {@code concat(s, ...)}: null if any argument is null. */
  static final class Concat extends Node {
    private final List<Node> args;

    Concat(List<Node> args) {
      super(DataType.STRING);
      this.args = List.copyOf(args);
    }

    @Override
    byte[] evalString(Object[] row, NullFlag f) {
      byte[][] parts = new byte[args.size()][];
      int total = 0;
      for (int k = 0; k < parts.length; k++) {
        parts[k] = args.get(k).evalString(row, f);
        if (f.isNull) {
          return null;
        }
        total += parts[k].length;
      }
      Utf8Builder b = new Utf8Builder(total);
      for (byte[] p : parts) {
        b.append(p, 0, p.length);
      }
      return b.length == b.buf.length ? b.buf : b.toArray();
    }

    @Override
    Vec evalBatch(Batch batch) {
      int n = batch.n();
      Vec[] in = new Vec[args.size()];
      long total = 0;
      for (int k = 0; k < in.length; k++) {
        in[k] = args.get(k).evalBatch(batch);
        total += in[k].offsets[n] - in[k].offsets[0];
      }
      Vec out = Vec.strings(n);
      Utf8Builder b = new Utf8Builder((int) Math.min(total, Integer.MAX_VALUE / 2));
      for (int i = 0; i < n; i++) {
        boolean isNull = false;
        for (Vec v : in) {
          isNull |= v.nulls[i];
        }
        if (isNull) {
          out.nulls[i] = true;
        } else {
          for (Vec v : in) {
            b.append(v.bytes, v.start(i), v.len(i));
          }
        }
        out.offsets[i + 1] = b.length;
      }
      out.finishStrings(b);
      return out;
    }

    @Override
    void print(StringBuilder sb) {
      Calls.print("concat", args, sb);
    }

    @Override
    List<Node> children() {
      return args;
    }
  }

  /** {@code substr(s, start[, count])}, 1-based, in code points (StringKernels.substr). */
  static final class Substr extends Node {
    private final Node s;
    private final Node start;
    private final Node count; // null: to the end

    Substr(Node s, Node start, Node count) {
      super(DataType.STRING);
      this.s = s;
      this.start = start;
      this.count = count;
    }

    @Override
    byte[] evalString(Object[] row, NullFlag f) {
      byte[] v = s.evalString(row, f);
      long from = f.isNull ? 0 : start.evalLong(row, f);
      long n = f.isNull || count == null ? 0 : count.evalLong(row, f);
      if (f.isNull) {
        return null;
      }
      Utf8Builder b = new Utf8Builder(v.length);
      if (count == null) {
        StringKernels.substrToEnd(v, 0, v.length, from, b);
      } else {
        StringKernels.substr(v, 0, v.length, from, n, b);
      }
      return b.toArray();
    }

    @Override
    Vec evalBatch(Batch batch) {
      int n = batch.n();
      Vec sv = s.evalBatch(batch);
      Vec fv = start.evalBatch(batch);
      Vec cv = count == null ? null : count.evalBatch(batch);
      Vec out = Vec.strings(n);
      Utf8Builder b = new Utf8Builder(sv.offsets[n] - sv.offsets[0]);
      for (int i = 0; i < n; i++) {
        if (sv.nulls[i] || fv.nulls[i] || (cv != null && cv.nulls[i])) {
          out.nulls[i] = true;
        } else if (cv == null) {
          StringKernels.substrToEnd(sv.bytes, sv.start(i), sv.len(i), fv.longs[i], b);
        } else {
          StringKernels.substr(sv.bytes, sv.start(i), sv.len(i), fv.longs[i], cv.longs[i], b);
        }
        out.offsets[i + 1] = b.length;
      }
      out.finishStrings(b);
      return out;
    }

    @Override
    void print(StringBuilder sb) {
      Calls.print("substr", children(), sb);
    }

    @Override
    List<Node> children() {
      return count == null ? List.of(s, start) : List.of(s, start, count);
    }
  }
}
