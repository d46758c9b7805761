package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;
import java.util.List;

/** Untyped syntax tree as parsed; offsets point into the expression text. */
sealed interface Ast {
  int offset();

  /** {@code value} is null, Boolean, Long, Double or String. */
  record Literal(Object value, int offset) implements Ast {}

  record Name(String name, int offset) implements Ast {}

  /** {@code op} is "-" or "not"; offset of the operator. */
  record Unary(String op, Ast operand, int offset) implements Ast {}

  /** {@code op} normalized ("==" is "=", "<>" is "!="); offset of the operator. */
  record Binary(String op, Ast left, Ast right, int offset) implements Ast {}

  /** {@code name} lower-cased; offset of the function name. */
  record Call(String name, List<Ast> args, int offset) implements Ast {}

  record ListLiteral(List<Ast> items, int offset) implements Ast {}

  record Cast(Ast operand, DataType target, int offset) implements Ast {}
}
