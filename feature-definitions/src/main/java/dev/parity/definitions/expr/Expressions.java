package dev.parity.definitions.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Entry point of the expression language; the language reference is
 * {@code feature-definitions/EXPRESSIONS.md}. Stateless and thread-safe.
 */
public final class Expressions {
  private Expressions() {}

  /**
   * Parses, type-checks against {@code scope} and constant-folds {@code source}.
   *
   * @throws ExpressionException on the first syntax or type error, with its offset
   */
  public static CompiledExpression compile(String source, Scope scope) {
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(scope, "scope is null");
    Checker checker = new Checker(scope);
    Node root = checker.checkRoot(Parser.parse(source));
    return new Compiled(source, root, checker.inputs, checker.inputTypes);
  }

  /**
   * Names referenced by {@code source}, in order of first appearance, without type checking (for
   * dependency and cycle analysis between on-demand features).
   *
   * @throws ExpressionException on a syntax error
   */
  public static List<String> referencedNames(String source) {
    Objects.requireNonNull(source, "source is null");
    Set<String> names = new LinkedHashSet<>();
    collectNames(Parser.parse(source), names);
    return List.copyOf(new ArrayList<>(names));
  }

  private static void collectNames(Ast ast, Set<String> names) {
    if (ast instanceof Ast.Name n) {
      names.add(n.name());
    } else if (ast instanceof Ast.Unary u) {
      collectNames(u.operand(), names);
    } else if (ast instanceof Ast.Binary b) {
      collectNames(b.left(), names);
      collectNames(b.right(), names);
    } else if (ast instanceof Ast.Call c) {
      c.args().forEach(a -> collectNames(a, names));
    } else if (ast instanceof Ast.ListLiteral l) {
      l.items().forEach(a -> collectNames(a, names));
    } else if (ast instanceof Ast.Cast c) {
      collectNames(c.operand(), names);
    }
  }
}
