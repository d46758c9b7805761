package dev.parity.definitions;

import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.definitions.expr.ExpressionException;
import dev.parity.definitions.expr.Expressions;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles one expression of a definition, reporting unknown names with a message that says what
 * the name could have been (the compiler only knows the scope), and compiler errors at their
 * offset.
 */
final class ExpressionChecker {
  /** What a name in an expression resolves to: a type, an error to report, or nothing (skip). */
  record Resolution(DataType type, String error) {
    static Resolution typed(DataType type) {
      return new Resolution(type, null);
    }

    static Resolution unknown(String error) {
      return new Resolution(null, error);
    }

    /** The name exists but its type is unknown because of an error reported elsewhere. */
    static Resolution skip() {
      return new Resolution(null, null);
    }
  }

  private final Problems problems;

  ExpressionChecker(Problems problems) {
    this.problems = problems;
  }

  /** The names {@code expr} reads, or empty after reporting a syntax error at {@code path}. */
  Optional<List<String>> referencedNames(String path, String expr) {
    try {
      return Optional.of(Expressions.referencedNames(expr));
    } catch (ExpressionException e) {
      problems.error(path, e.offset(), e.reason());
      return Optional.empty();
    }
  }

  /**
   * Compiles {@code expr}, written at {@code path}, with names resolved by {@code resolver}.
   * Reports every problem; empty if there was one (or a name was skipped).
   */
  Optional<CompiledExpression> compile(String path, String expr, Function<String, Resolution> resolver) {
    Optional<List<String>> names = referencedNames(path, expr);
    if (names.isEmpty()) {
      return Optional.empty();
    }
    boolean usable = true;
    for (String name : names.get()) {
      Resolution resolution = resolver.apply(name);
      if (resolution.type() == null) {
        usable = false;
        if (resolution.error() != null) {
          problems.error(path, offsetOf(expr, name), resolution.error());
        }
      }
    }
    if (!usable) {
      return Optional.empty();
    }
    try {
      return Optional.of(Expressions.compile(expr, name -> Optional.ofNullable(resolver.apply(name).type())));
    } catch (ExpressionException e) {
      problems.error(path, e.offset(), e.reason());
      return Optional.empty();
    }
  }

  /** Offset of the first use of {@code name} as a whole word outside string literals; 0 if none. */
  static int offsetOf(String expr, String name) {
    Matcher matcher = Pattern.compile("(?<![A-Za-z0-9_.])" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(expr);
    while (matcher.find()) {
      if (!insideString(expr, matcher.start())) {
        return matcher.start();
      }
    }
    return 0;
  }

  private static boolean insideString(String expr, int end) {
    char quote = 0;
    for (int i = 0; i < end; i++) {
      char c = expr.charAt(i);
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    return quote != 0;
  }
}
