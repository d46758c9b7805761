package dev.parity.definitions.expr;

/**
 * The hot numeric operations, named so that a vector loop can {@code switch} once per batch and
 * call the {@link Kernels} method statically inside the loop (the JIT inlines it), instead of a
 * megamorphic interface call per row. The row path calls {@code fn}, the same kernel.
 */
final class Ops {
  private Ops() {}

  /** float64 (a, b) operations. */
  enum D2 {
    ADD(Kernels::add),
    SUB(Kernels::sub),
    MUL(Kernels::mul),
    DIV(Kernels::div),
    MOD(Kernels::mod),
    POW(Kernels::pow),
    MIN(Kernels::min),
    MAX(Kernels::max);

    final Fn.DDD fn;

    D2(Fn.DDD fn) {
      this.fn = fn;
    }

    /** Computes rows whose {@code nulls[i]} is false; sets it where the kernel gives null. */
    void loop(double[] a, double[] b, double[] out, boolean[] nulls, int n) {
      NullFlag f = new NullFlag();
      switch (this) {
        case ADD:
          for (int i = 0; i < n; i++) {
            out[i] = nulls[i] ? 0 : Kernels.add(a[i], b[i], f);
          }
          return;
        case SUB:
          for (int i = 0; i < n; i++) {
            out[i] = nulls[i] ? 0 : Kernels.sub(a[i], b[i], f);
          }
          return;
        case MUL:
          for (int i = 0; i < n; i++) {
            out[i] = nulls[i] ? 0 : Kernels.mul(a[i], b[i], f);
          }
          return;
        case DIV:
          for (int i = 0; i < n; i++) {
            if (!nulls[i]) {
              f.isNull = false;
              out[i] = Kernels.div(a[i], b[i], f);
              nulls[i] = f.isNull;
            }
          }
          return;
        default:
          for (int i = 0; i < n; i++) {
            if (!nulls[i]) {
              f.isNull = false;
              out[i] = fn.apply(a[i], b[i], f);
              nulls[i] = f.isNull;
            }
          }
      }
    }
  }

  /** int64 (a, b) operations; {@code DAYS_BETWEEN} takes timestamps. */
  enum L2 {
    ADD(Kernels::add),
    SUB(Kernels::sub),
    MUL(Kernels::mul),
    MOD(Kernels::mod),
    MIN(Kernels::min),
    MAX(Kernels::max),
    DAYS_BETWEEN(Kernels::daysBetween);

    final Fn.LLL fn;

    L2(Fn.LLL fn) {
      this.fn = fn;
    }

    void loop(long[] a, long[] b, long[] out, boolean[] nulls, int n) {
      NullFlag f = new NullFlag();
      switch (this) {
        case ADD:
          for (int i = 0; i < n; i++) {
            if (!nulls[i]) {
              f.isNull = false;
              out[i] = Kernels.add(a[i], b[i], f);
              nulls[i] = f.isNull;
            }
          }
          return;
        case MUL:
          for (int i = 0; i < n; i++) {
            if (!nulls[i]) {
              f.isNull = false;
              out[i] = Kernels.mul(a[i], b[i], f);
              nulls[i] = f.isNull;
            }
          }
          return;
        case MOD:
          for (int i = 0; i < n; i++) {
            if (!nulls[i]) {
              f.isNull = false;
              out[i] = Kernels.mod(a[i], b[i], f);
              nulls[i] = f.isNull;
            }
          }
          return;
        default:
          for (int i = 0; i < n; i++) {
            if (!nulls[i]) {
              f.isNull = false;
              out[i] = fn.apply(a[i], b[i], f);
              nulls[i] = f.isNull;
            }
          }
      }
    }
  }
}
