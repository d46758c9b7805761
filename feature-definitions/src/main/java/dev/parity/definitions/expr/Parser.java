package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser. Precedence, low to high: or, and, not, comparisons, + -, * / %, unary
 * minus. Comparisons do not chain ({@code a < b < c} is an error).
 */
final class Parser {
  private static final Set<String> RESERVED = Set.of("and", "or", "not", "true", "false", "null", "as");
  private static final Set<String> COMPARISONS = Set.of("=", "==", "!=", "<>", "<", "<=", ">", ">=");
  /** Deep nesting would overflow the stack; far beyond any sensible feature. */
  private static final int MAX_DEPTH = 200;

  private final List<Token> tokens;
  private int index;
  private int depth;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Ast parse(String src) {
    Parser p = new Parser(Lexer.tokenize(src));
    Ast ast = p.or();
    Token t = p.peek();
    if (t.kind() != Kind.EOF) {
      throw new ExpressionException(t.offset(), "unexpected " + describe(t) + " (expected an operator or end of expression)");
    }
    return ast;
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token advance() {
    return tokens.get(index++);
  }

  private Token expect(Kind kind, String what) {
    Token t = peek();
    if (t.kind() != kind) {
      throw new ExpressionException(t.offset(), "expected " + what + ", got " + describe(t));
    }
    return advance();
  }

  private static String describe(Token t) {
    return t.kind() == Kind.EOF ? "end of expression" : "'" + t.text() + "'";
  }

  private void enter(Token at) {
    if (++depth > MAX_DEPTH) {
      throw new ExpressionException(at.offset(), "expression nested too deeply (more than " + MAX_DEPTH + " levels)");
    }
  }

  private Ast or() {
    enter(peek());
    Ast left = and();
    while (peek().isKeyword("or")) {
      Token op = advance();
      left = new Ast.Binary("or", left, and(), op.offset());
    }
    depth--;
    return left;
  }

  private Ast and() {
    Ast left = not();
    while (peek().isKeyword("and")) {
      Token op = advance();
      left = new Ast.Binary("and", left, not(), op.offset());
    }
    return left;
  }

  private Ast not() {
    if (peek().isKeyword("not")) {
      Token op = advance();
      enter(op);
      Ast operand = not();
      depth--;
      return new Ast.Unary("not", operand, op.offset());
    }
    return comparison();
  }

  private Ast comparison() {
    Ast left = additive();
    Token t = peek();
    if (t.kind() == Kind.OP && COMPARISONS.contains(t.text())) {
      advance();
      String op = t.text().equals("==") ? "=" : t.text().equals("<>") ? "!=" : t.text();
      Ast result = new Ast.Binary(op, left, additive(), t.offset());
      Token after = peek();
      if (after.kind() == Kind.OP && COMPARISONS.contains(after.text())) {
        throw new ExpressionException(after.offset(), "comparisons do not chain; combine them with 'and'");
      }
      return result;
    }
    return left;
  }

  private Ast additive() {
    Ast left = multiplicative();
    while (peek().isOp("+") || peek().isOp("-")) {
      Token op = advance();
      left = new Ast.Binary(op.text(), left, multiplicative(), op.offset());
    }
    return left;
  }

  private Ast multiplicative() {
    Ast left = unary();
    while (peek().isOp("*") || peek().isOp("/") || peek().isOp("%")) {
      Token op = advance();
      left = new Ast.Binary(op.text(), left, unary(), op.offset());
    }
    return left;
  }

  private Ast unary() {
    if (peek().isOp("-")) {
      Token op = advance();
      if (peek().kind() == Kind.INT) {
        // Negative literals are read whole so that -9223372036854775808 is in range.
        Token lit = advance();
        return new Ast.Literal(parseLong("-" + lit.text(), op.offset()), op.offset());
      }
      enter(op);
      Ast operand = unary();
      depth--;
      return new Ast.Unary("-", operand, op.offset());
    }
    return primary();
  }

  private static long parseLong(String text, int offset) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ExpressionException(offset, "integer literal " + text + " is out of the int64 range");
    }
  }

  private Ast primary() {
    Token t = advance();
    switch (t.kind()) {
      case INT:
        return new Ast.Literal(parseLong(t.text(), t.offset()), t.offset());
      case FLOAT:
      case STRING:
        return new Ast.Literal(t.value(), t.offset());
      case LPAREN:
        {
          Ast inner = or();
          expect(Kind.RPAREN, "')'");
          return inner;
        }
      case LBRACKET:
        return new Ast.ListLiteral(list(Kind.RBRACKET, "']'"), t.offset());
      case IDENT:
        return identifier(t);
      default:
        throw new ExpressionException(t.offset(), "expected a value, got " + describe(t));
    }
  }

  private Ast identifier(Token t) {
    String lower = t.text().toLowerCase(Locale.ROOT);
    switch (lower) {
      case "true":
        return new Ast.Literal(Boolean.TRUE, t.offset());
      case "false":
        return new Ast.Literal(Boolean.FALSE, t.offset());
      case "null":
        return new Ast.Literal(null, t.offset());
      default:
        break;
    }
    if (RESERVED.contains(lower)) {
      throw new ExpressionException(t.offset(), "expected a value, got keyword '" + t.text() + "'");
    }
    if (peek().kind() != Kind.LPAREN) {
      return new Ast.Name(t.text(), t.offset());
    }
    if (t.text().indexOf('.') >= 0) {
      throw new ExpressionException(t.offset(), "'" + t.text() + "' is not a function");
    }
    Token open = advance();
    enter(open);
    Ast result;
    if (lower.equals("cast")) {
      Ast operand = or();
      Token as = peek();
      if (!as.isKeyword("as")) {
        throw new ExpressionException(as.offset(), "expected 'as' in cast(x as type), got " + describe(as));
      }
      advance();
      Token typeName = expect(Kind.IDENT, "a type name");
      DataType target =
          DataType.fromYamlName(typeName.text())
              .orElseThrow(
                  () ->
                      new ExpressionException(
                          typeName.offset(),
                          "unknown type '" + typeName.text() + "' (expected bool, int64, float64, string or timestamp)"));
      expect(Kind.RPAREN, "')'");
      result = new Ast.Cast(operand, target, t.offset());
    } else {
      result = new Ast.Call(lower, list(Kind.RPAREN, "')'"), t.offset());
    }
    depth--;
    return result;
  }

  /** Comma-separated expressions up to {@code close} (already past the opening token). */
  private List<Ast> list(Kind close, String closeText) {
    List<Ast> items = new ArrayList<>();
    if (peek().kind() == close) {
      advance();
      return items;
    }
    while (true) {
      items.add(or());
      Token t = peek();
      if (t.kind() == Kind.COMMA) {
        advance();
      } else if (t.kind() == close) {
        advance();
        return items;
      } else {
        throw new ExpressionException(t.offset(), "expected ',' or " + closeText + ", got " + describe(t));
      }
    }
  }
}
