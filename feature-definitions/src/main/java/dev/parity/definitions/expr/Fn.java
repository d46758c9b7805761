package dev.parity.definitions.expr;

/**
 * Kernel shapes, named by physical kinds in and out: L long (int64, timestamp), D double, B
 * boolean, S UTF-8 bytes. Implementations are method references to {@link Kernels} and {@link
 * StringKernels}, so a node class says how to loop, never what to compute.
 */
final class Fn {
  private Fn() {}

  interface LL {
    long apply(long a, NullFlag f);
  }

  interface DD {
    double apply(double a);
  }

  interface DL {
    long apply(double a, NullFlag f);
  }

  interface LD {
    double apply(long a);
  }

  interface BB {
    boolean apply(boolean a);
  }

  interface BL {
    long apply(boolean a);
  }

  interface BD {
    double apply(boolean a);
  }

  interface LB {
    boolean apply(long a);
  }

  interface DB {
    boolean apply(double a);
  }

  interface SS {
    void apply(byte[] s, int o, int l, Utf8Builder out);
  }

  interface SL {
    long apply(byte[] s, int o, int l, NullFlag f);
  }

  interface SD {
    double apply(byte[] s, int o, int l, NullFlag f);
  }

  interface SB {
    boolean apply(byte[] s, int o, int l, NullFlag f);
  }

  interface LS {
    void apply(long a, Utf8Builder out);
  }

  interface DS {
    void apply(double a, Utf8Builder out);
  }

  interface BS {
    void apply(boolean a, Utf8Builder out);
  }

  interface LLL {
    long apply(long a, long b, NullFlag f);
  }

  interface DDD {
    double apply(double a, double b, NullFlag f);
  }

  interface SSB {
    boolean apply(byte[] a, int ao, int al, byte[] b, int bo, int bl);
  }
}
