package dev.parity.definitions.expr;

import static dev.parity.definitions.DataType.BOOL;
import static dev.parity.definitions.DataType.FLOAT64;
import static dev.parity.definitions.DataType.INT64;
import static dev.parity.definitions.DataType.STRING;
import static dev.parity.definitions.DataType.TIMESTAMP;

import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.Leaf.Lit;

/** {@code cast(x as T)}: which pairs exist and which kernel each uses. */
final class Casts {
  private Casts() {}

  static Node cast(Checker checker, Node x, DataType to, int at) {
    if (x.type == null) {
      return new Lit(to, null);
    }
    DataType from = x.type;
    if (from == to) {
      return x;
    }
    String prefix = "cast(";
    String suffix = " as " + to.yamlName() + ")";
    Node n = null;
    switch (from) {
      case BOOL:
        if (to == INT64) {
          n = new UnaryNodes.BL(INT64, x, Kernels::boolToInt, prefix, suffix);
        } else if (to == FLOAT64) {
          n = new UnaryNodes.BD(FLOAT64, x, Kernels::boolToFloat, prefix, suffix);
        } else if (to == STRING) {
          n = new UnaryNodes.BS(STRING, x, StringKernels::fromBool, prefix, suffix);
        }
        break;
      case INT64:
        if (to == BOOL) {
          n = new UnaryNodes.LB(BOOL, x, Kernels::intToBool, prefix, suffix);
        } else if (to == FLOAT64) {
          n = new UnaryNodes.LD(FLOAT64, x, Kernels::intToFloat, prefix, suffix);
        } else if (to == STRING) {
          n = new UnaryNodes.LS(STRING, x, StringKernels::fromInt, prefix, suffix);
        } else {
          n = new UnaryNodes.Retype(TIMESTAMP, x);
        }
        break;
      case FLOAT64:
        if (to == BOOL) {
          n = new UnaryNodes.DB(BOOL, x, Kernels::floatToBool, prefix, suffix);
        } else if (to == INT64) {
          n = new UnaryNodes.DL(INT64, x, Kernels::floatToInt, prefix, suffix);
        } else if (to == STRING) {
          n = new UnaryNodes.DS(STRING, x, StringKernels::fromFloat, prefix, suffix);
        }
        break;
      case STRING:
        if (to == BOOL) {
          n = new UnaryNodes.SB(BOOL, x, StringKernels::toBool, prefix, suffix);
        } else if (to == INT64) {
          n = new UnaryNodes.SL(INT64, x, StringKernels::toInt, prefix, suffix);
        } else if (to == FLOAT64) {
          n = new UnaryNodes.SD(FLOAT64, x, StringKernels::toFloat, prefix, suffix);
        } else {
          n = new UnaryNodes.SL(TIMESTAMP, x, StringKernels::toTimestamp, prefix, suffix);
        }
        break;
      default: // TIMESTAMP
        if (to == INT64) {
          n = new UnaryNodes.Retype(INT64, x);
        } else if (to == STRING) {
          n = new UnaryNodes.LS(STRING, x, StringKernels::fromTimestamp, prefix, suffix);
        }
        break;
    }
    if (n == null) {
      throw new ExpressionException(at, "cannot cast " + from + " to " + to + (from == FLOAT64 || to == FLOAT64 ? " (go through int64)" : ""));
    }
    return Checker.fold(n);
  }
}
