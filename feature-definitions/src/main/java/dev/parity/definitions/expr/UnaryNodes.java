package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;
import java.util.List;

/**
 * Strict one-argument nodes (null in, null out), one class per kernel shape of {@link Fn}. The
 * vector loops are the performance core: one pass over primitive arrays, calling the kernel
 * directly. Mechanical by design; the kernels hold the semantics.
 */
final class UnaryNodes {
  private UnaryNodes() {}

  abstract static class Unary extends Node {
    final Node arg;
    private final String prefix;
    private final String suffix;

    Unary(DataType type, Node arg, String prefix, String suffix) {
      super(type);
      this.arg = arg;
      this.prefix = prefix;
      this.suffix = suffix;
    }

    @Override
    final void print(StringBuilder sb) {
      sb.append(prefix);
      arg.print(sb);
      sb.append(suffix);
    }

    @Override
    final List<Node> children() {
      return List.of(arg);
    }
  }

  /** int64 <-> timestamp: same microseconds, new type. */
  static final class Retype extends Unary {
    Retype(DataType type, Node arg) {
      super(type, arg, "cast(", " as " + type.yamlName() + ")");
    }

    @Override
    long evalLong(Object[] row, NullFlag f) {
      return arg.evalLong(row, f);
    }

    @Override
    Vec evalBatch(Batch batch) {
      return arg.evalBatch(batch);
    }
  }

  static final class LL extends Unary {
    private final Fn.LL fn;

    LL(DataType type, Node arg, Fn.LL fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    long evalLong(Object[] row, NullFlag f) {
      long a = arg.evalLong(row, f);
      if (f.isNull) {
        return 0;
      }
      return fn.apply(a, f);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.longs(n);
      NullFlag f = new NullFlag();
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          f.isNull = false;
          out.longs[i] = fn.apply(a.longs[i], f);
          out.nulls[i] = f.isNull;
        }
      }
      return out;
    }
  }

  static final class DD extends Unary {
    private final Fn.DD fn;

    DD(DataType type, Node arg, Fn.DD fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    double evalDouble(Object[] row, NullFlag f) {
      double a = arg.evalDouble(row, f);
      if (f.isNull) {
        return 0;
      }
      return fn.apply(a);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.doubles(n);
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          out.doubles[i] = fn.apply(a.doubles[i]);
        }
      }
      return out;
    }
  }

  static final class DL extends Unary {
    private final Fn.DL fn;

    DL(DataType type, Node arg, Fn.DL fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    long evalLong(Object[] row, NullFlag f) {
      double a = arg.evalDouble(row, f);
      if (f.isNull) {
        return 0;
      }
      return fn.apply(a, f);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.longs(n);
      NullFlag f = new NullFlag();
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          f.isNull = false;
          out.longs[i] = fn.apply(a.doubles[i], f);
          out.nulls[i] = f.isNull;
        }
      }
      return out;
    }
  }

  static final class LD extends Unary {
    private final Fn.LD fn;

    LD(DataType type, Node arg, Fn.LD fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    double evalDouble(Object[] row, NullFlag f) {
      long a = arg.evalLong(row, f);
      if (f.isNull) {
        return 0;
      }
      return fn.apply(a);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.doubles(n);
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          out.doubles[i] = fn.apply(a.longs[i]);
        }
      }
      return out;
    }
  }

  static final class BB extends Unary {
    private final Fn.BB fn;

    BB(DataType type, Node arg, Fn.BB fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    boolean evalBool(Object[] row, NullFlag f) {
      boolean a = arg.evalBool(row, f);
      if (f.isNull) {
        return false;
      }
      return fn.apply(a);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.bools(n);
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          out.bools[i] = fn.apply(a.bools[i]);
        }
      }
      return out;
    }
  }

  static final class BL extends Unary {
    private final Fn.BL fn;

    BL(DataType type, Node arg, Fn.BL fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    long evalLong(Object[] row, NullFlag f) {
      boolean a = arg.evalBool(row, f);
      if (f.isNull) {
        return 0;
      }
      return fn.apply(a);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.longs(n);
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          out.longs[i] = fn.apply(a.bools[i]);
        }
      }
      return out;
    }
  }

  static final class BD extends Unary {
    private final Fn.BD fn;

    BD(DataType type, Node arg, Fn.BD fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    double evalDouble(Object[] row, NullFlag f) {
      boolean a = arg.evalBool(row, f);
      if (f.isNull) {
        return 0;
      }
      return fn.apply(a);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.doubles(n);
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          out.doubles[i] = fn.apply(a.bools[i]);
        }
      }
      return out;
    }
  }

  static final class LB extends Unary {
    private final Fn.LB fn;

    LB(DataType type, Node arg, Fn.LB fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    boolean evalBool(Object[] row, NullFlag f) {
      long a = arg.evalLong(row, f);
      if (f.isNull) {
        return false;
      }
      return fn.apply(a);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.bools(n);
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          out.bools[i] = fn.apply(a.longs[i]);
        }
      }
      return out;
    }
  }

  static final class DB extends Unary {
    private final Fn.DB fn;

    DB(DataType type, Node arg, Fn.DB fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    boolean evalBool(Object[] row, NullFlag f) {
      double a = arg.evalDouble(row, f);
      if (f.isNull) {
        return false;
      }
      return fn.apply(a);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.bools(n);
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          out.bools[i] = fn.apply(a.doubles[i]);
        }
      }
      return out;
    }
  }

  static final class SS extends Unary {
    private final Fn.SS fn;

    SS(DataType type, Node arg, Fn.SS fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    byte[] evalString(Object[] row, NullFlag f) {
      byte[] a = arg.evalString(row, f);
      if (f.isNull) {
        return null;
      }
      Utf8Builder b = new Utf8Builder(16);
      fn.apply(a, 0, a.length, b);
      return b.toArray();
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.strings(n);
      Utf8Builder b = new Utf8Builder(a.bytes == null ? n * 8 : a.bytes.length);
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          fn.apply(a.bytes, a.start(i), a.len(i), b);
        }
        out.offsets[i + 1] = b.length;
      }
      out.finishStrings(b);
      return out;
    }
  }

  static final class SL extends Unary {
    private final Fn.SL fn;

    SL(DataType type, Node arg, Fn.SL fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    long evalLong(Object[] row, NullFlag f) {
      byte[] a = arg.evalString(row, f);
      if (f.isNull) {
        return 0;
      }
      return fn.apply(a, 0, a.length, f);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.longs(n);
      NullFlag f = new NullFlag();
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          f.isNull = false;
          out.longs[i] = fn.apply(a.bytes, a.start(i), a.len(i), f);
          out.nulls[i] = f.isNull;
        }
      }
      return out;
    }
  }

  static final class SD extends Unary {
    private final Fn.SD fn;

    SD(DataType type, Node arg, Fn.SD fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    double evalDouble(Object[] row, NullFlag f) {
      byte[] a = arg.evalString(row, f);
      if (f.isNull) {
        return 0;
      }
      return fn.apply(a, 0, a.length, f);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.doubles(n);
      NullFlag f = new NullFlag();
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          f.isNull = false;
          out.doubles[i] = fn.apply(a.bytes, a.start(i), a.len(i), f);
          out.nulls[i] = f.isNull;
        }
      }
      return out;
    }
  }

  static final class SB extends Unary {
    private final Fn.SB fn;

    SB(DataType type, Node arg, Fn.SB fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    boolean evalBool(Object[] row, NullFlag f) {
      byte[] a = arg.evalString(row, f);
      if (f.isNull) {
        return false;
      }
      return fn.apply(a, 0, a.length, f);
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.bools(n);
      NullFlag f = new NullFlag();
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          f.isNull = false;
          out.bools[i] = fn.apply(a.bytes, a.start(i), a.len(i), f);
          out.nulls[i] = f.isNull;
        }
      }
      return out;
    }
  }

  static final class LS extends Unary {
    private final Fn.LS fn;

    LS(DataType type, Node arg, Fn.LS fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    byte[] evalString(Object[] row, NullFlag f) {
      long a = arg.evalLong(row, f);
      if (f.isNull) {
        return null;
      }
      Utf8Builder b = new Utf8Builder(16);
      fn.apply(a, b);
      return b.toArray();
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.strings(n);
      Utf8Builder b = new Utf8Builder(n * 8);
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          fn.apply(a.longs[i], b);
        }
        out.offsets[i + 1] = b.length;
      }
      out.finishStrings(b);
      return out;
    }
  }

  static final class DS extends Unary {
    private final Fn.DS fn;

    DS(DataType type, Node arg, Fn.DS fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    byte[] evalString(Object[] row, NullFlag f) {
      double a = arg.evalDouble(row, f);
      if (f.isNull) {
        return null;
      }
      Utf8Builder b = new Utf8Builder(16);
      fn.apply(a, b);
      return b.toArray();
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.strings(n);
      Utf8Builder b = new Utf8Builder(n * 8);
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          fn.apply(a.doubles[i], b);
        }
        out.offsets[i + 1] = b.length;
      }
      out.finishStrings(b);
      return out;
    }
  }

  static final class BS extends Unary {
    private final Fn.BS fn;

    BS(DataType type, Node arg, Fn.BS fn, String prefix, String suffix) {
      super(type, arg, prefix, suffix);
      this.fn = fn;
    }

    @Override
    byte[] evalString(Object[] row, NullFlag f) {
      boolean a = arg.evalBool(row, f);
      if (f.isNull) {
        return null;
      }
      Utf8Builder b = new Utf8Builder(16);
      fn.apply(a, b);
      return b.toArray();
    }

    @Override
    Vec evalBatch(Batch batch) {
      Vec a = arg.evalBatch(batch);
      int n = batch.n();
      Vec out = Vec.strings(n);
      Utf8Builder b = new Utf8Builder(n * 8);
      for (int i = 0; i < n; i++) {
        if (a.nulls[i]) {
          out.nulls[i] = true;
        } else {
          fn.apply(a.bools[i], b);
        }
        out.offsets[i + 1] = b.length;
      }
      out.finishStrings(b);
      return out;
    }
  }
}
