package dev.parity.definitions.expr;

import java.util.List;

/** Entry point of the expression language of SPEC §2 ("Expressions"). */
public final class Expressions {
  private Expressions() {}

  /**
   * Parses, type-checks against {@code scope} and constant-folds {@code source}.
   *
   * @throws ExpressionException on the first syntax or type error, with its offset
   */
  public static CompiledExpression compile(String source, Scope scope) {
    throw new UnsupportedOperationException("expression compiler: in progress on branch expr");
  }

  /**
   * Names referenced by {@code source}, in order of first appearance, without type checking (for
   * dependency and cycle analysis between on-demand features).
   *
   * @throws ExpressionException on a syntax error
   */
  public static List<String> referencedNames(String source) {
    throw new UnsupportedOperationException("expression parser: in progress on branch expr");
  }
}
