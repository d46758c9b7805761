package dev.parity.definitions.expr;

import java.util.List;

/** Canonical printing of a function call. */
final class Calls {
  private Calls() {}

  static void print(String name, List<Node> args, StringBuilder sb) {
    sb.append(name).append('(');
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      args.get(i).print(sb);
    }
    sb.append(')');
  }
}
