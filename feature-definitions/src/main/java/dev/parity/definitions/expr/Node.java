package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;
import java.util.List;

/**
 * A typed, compiled expression node. Row evaluation: the typed {@code evalX} method for the node's
 * physical kind, with SQL nulls reported through {@link NullFlag} (false on entry), so no boxing
 * happens inside the tree; row strings are UTF-8 byte arrays that callers must not mutate. Vector
 * evaluation: {@link #evalBatch} computes the whole column at once. Both call the same kernels.
 */
abstract class Node {
  final DataType type;

  Node(DataType type) {
    this.type = type;
  }

  /** INT64 and TIMESTAMP. */
  long evalLong(Object[] row, NullFlag f) {
    throw wrongKind("long");
  }

  double evalDouble(Object[] row, NullFlag f) {
    throw wrongKind("double");
  }

  boolean evalBool(Object[] row, NullFlag f) {
    throw wrongKind("bool");
  }

  byte[] evalString(Object[] row, NullFlag f) {
    throw wrongKind("string");
  }

  abstract Vec evalBatch(Batch batch);

  /** Appends the canonical text of this node. */
  abstract void print(StringBuilder sb);

  abstract List<Node> children();

  /** Evaluates on the row path and boxes: null, Boolean, Long, Double or byte[] (UTF-8). */
  final Object evalBoxed(Object[] row) {
    NullFlag f = new NullFlag();
    Object v;
    switch (type) {
      case BOOL:
        v = evalBool(row, f);
        break;
      case INT64:
      case TIMESTAMP:
        v = evalLong(row, f);
        break;
      case FLOAT64:
        v = evalDouble(row, f);
        break;
      default:
        v = evalString(row, f);
        break;
    }
    return f.isNull ? null : v;
  }

  private IllegalStateException wrongKind(String kind) {
    return new IllegalStateException(getClass().getSimpleName() + " of type " + type + " evaluated as " + kind);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    print(sb);
    return sb.toString();
  }
}
