package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;
import java.util.List;

/**
 * Strict two-argument nodes (null if either side is null), one class per kernel shape. The vector
 * loops are the performance core.
 */
final class BinaryNodes {
  private BinaryNodes() {}

  abstract static class Binary extends Node {
    final Node left;
    final Node right;
    private final String prefix;
    private final String middle;

    /** Printed as {@code prefix left middle right ")"}: "(a + b)" or "pow(a, b)". */
    Binary(DataType type, Node left, Node right, String prefix, String middle) {
      super(type);
      this.left = left;
      this.right = right;
      this.prefix = prefix;
      this.middle = middle;
    }

    @Override
    final void print(StringBuilder sb) {
      sb.append(prefix);
      left.print(sb);
      sb.append(middle);
      right.print(sb);
      sb.append(')');
    }

    @Override
    final List<Node> children() {
      return List.of(left, right);
    }
  }

  /** (long, long) -> int64 or timestamp. */
  static final class LLL extends Binary {
    private final Fn.LLL fn;

    LLL(DataType type, Node left, Node right, Fn.LLL fn, String prefix, String middle) {
      super(type, left, right, prefix, middle);
      this.fn = fn;
    }

    @Override
    long evalLong(Object[] row, NullFlag f) {
      long a = left.evalLong(row, f);
      if (f.isNull) {
        return 0;
      }
      long b = right.evalLong(row, f);
      if (f.isNull) {
        return 0;
      }
      return fn.apply(a, b, f);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = left.evalBatch(batch);
      Vec b = right.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.longs(n);
      NullFlag f = new NullFlag();
      long[] av = a.longs;
      long[] bv = b.longs;
      long[] ov = out.longs;
      for (int i = 0; i < n; i++) {
        if (a.nulls[i] || b.nulls[i]) {
          out.nulls[i] = true;
        } else {
          f.isNull = false;
          ov[i] = fn.apply(av[i], bv[i], f);
          out.nulls[i] = f.isNull;
        }
      }
      return out;
    }
  }

  /** (double, double) -> float64. */
  static final class DDD extends Binary {
    private final Fn.DDD fn;

    DDD(Node left, Node right, Fn.DDD fn, String prefix, String middle) {
      super(DataType.FLOAT64, left, right, prefix, middle);
      this.fn = fn;
    }

    @Override
    double evalDouble(Object[] row, NullFlag f) {
      double a = left.evalDouble(row, f);
      if (f.isNull) {
        return 0;
      }
      double b = right.evalDouble(row, f);
      if (f.isNull) {
        return 0;
      }
      return fn.apply(a, b, f);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = left.evalBatch(batch);
      Vec b = right.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.doubles(n);
      NullFlag f = new NullFlag();
      double[] av = a.doubles;
      double[] bv = b.doubles;
      double[] ov = out.doubles;
      for (int i = 0; i < n; i++) {
        if (a.nulls[i] || b.nulls[i]) {
          out.nulls[i] = true;
        } else {
          f.isNull = false;
          ov[i] = fn.apply(av[i], bv[i], f);
          out.nulls[i] = f.isNull;
        }
      }
      return out;
    }
  }

  /** (string, string) -> bool: contains, starts_with. */
  static final class SSB extends Binary {
    private final Fn.SSB fn;

    SSB(Node left, Node right, Fn.SSB fn, String prefix, String middle) {
      super(DataType.BOOL, left, right, prefix, middle);
      this.fn = fn;
    }

    @Override
    boolean evalBool(Object[] row, NullFlag f) {
      byte[] a = left.evalString(row, f);
      if (f.isNull) {
        return false;
      }
      byte[] b = right.evalString(row, f);
      if (f.isNull) {
        return false;
      }
      return fn.apply(a, 0, a.length, b, 0, b.length);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = left.evalBatch(batch);
      Vec b = right.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.bools(n);
      for (int i = 0; i < n; i++) {
        if (a.nulls[i] || b.nulls[i]) {
          out.nulls[i] = true;
        } else {
          out.bools[i] = fn.apply(a.bytes, a.start(i), a.len(i), b.bytes, b.start(i), b.len(i));
        }
      }
      return out;
    }
  }

  /** Comparison of two operands of the same type. */
  static final class Compare extends Binary {
    private final Cmp op;
    private final DataType operandType;

    Compare(Cmp op, Node left, Node right) {
      super(DataType.BOOL, left, right, "(", " " + op.symbol + " ");
      this.op = op;
      this.operandType = left.type;
    }

    @Override
    boolean evalBool(Object[] row, NullFlag f) {
      switch (operandType) {
        case FLOAT64:
          {
            double a = left.evalDouble(row, f);
            double b = f.isNull ? 0 : right.evalDouble(row, f);
            return !f.isNull && op.test(a, b);
          }
        case INT64:
        case TIMESTAMP:
          {
            long a = left.evalLong(row, f);
            long b = f.isNull ? 0 : right.evalLong(row, f);
            return !f.isNull && op.test(a, b);
          }
        case BOOL:
          {
            boolean a = left.evalBool(row, f);
            boolean b = !f.isNull && right.evalBool(row, f);
            return !f.isNull && op.test(Boolean.compare(a, b));
          }
        default:
          {
            byte[] a = left.evalString(row, f);
            byte[] b = f.isNull ? null : right.evalString(row, f);
            return !f.isNull && op.test(StringKernels.compare(a, 0, a.length, b, 0, b.length));
          }
      }
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = left.evalBatch(batch);
      Vec b = right.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.bools(n);
      boolean[] r = out.bools;
      for (int i = 0; i < n; i++) {
        out.nulls[i] = a.nulls[i] || b.nulls[i];
      }
      switch (operandType) {
        case FLOAT64:
          for (int i = 0; i < n; i++) {
            r[i] = !out.nulls[i] && op.test(a.doubles[i], b.doubles[i]);
          }
          break;
        case INT64:
        case TIMESTAMP:
          for (int i = 0; i < n; i++) {
            r[i] = !out.nulls[i] && op.test(a.longs[i], b.longs[i]);
          }
          break;
        case BOOL:
          for (int i = 0; i < n; i++) {
            r[i] = !out.nulls[i] && op.test(Boolean.compare(a.bools[i], b.bools[i]));
          }
          break;
        default:
          for (int i = 0; i < n; i++) {
            r[i] = !out.nulls[i] && op.test(StringKernels.compare(a.bytes, a.start(i), a.len(i), b.bytes, b.start(i), b.len(i)));
          }
          break;
      }
      return out;
    }
  }
}
