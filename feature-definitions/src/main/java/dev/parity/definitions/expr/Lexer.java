package dev.parity.definitions.expr;

import dev.parity.definitions.expr.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits expression text into tokens, each with its 0-based offset. */
final class Lexer {
  private final String src;
  private int pos;

  private Lexer(String src) {
    this.src = src;
  }

  static List<Token> tokenize(String src) {
    Lexer lexer = new Lexer(src);
    List<Token> tokens = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      tokens.add(t);
    } while (t.kind() != Kind.EOF);
    return tokens;
  }

  private Token next() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
    int start = pos;
    if (pos >= src.length()) {
      return new Token(Kind.EOF, "", null, src.length());
    }
    char c = src.charAt(pos);
    if (isIdentStart(c)) {
      return ident(start);
    }
    if (c >= '0' && c <= '9') {
      return number(start);
    }
    if (c == '\'' || c == '"') {
      return string(start, c);
    }
    pos++;
    switch (c) {
      case '(':
        return new Token(Kind.LPAREN, "(", null, start);
      case ')':
        return new Token(Kind.RPAREN, ")", null, start);
      case '[':
        return new Token(Kind.LBRACKET, "[", null, start);
      case ']':
        return new Token(Kind.RBRACKET, "]", null, start);
      case ',':
        return new Token(Kind.COMMA, ",", null, start);
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
        return op(start, String.valueOf(c));
      case '=':
        return op(start, match('=') ? "==" : "=");
      case '!':
        if (match('=')) {
          return op(start, "!=");
        }
        throw new ExpressionException(start, "unexpected '!' (use 'not' or '!=')");
      case '<':
        return op(start, match('=') ? "<=" : match('>') ? "<>" : "<");
      case '>':
        return op(start, match('=') ? ">=" : ">");
      case '.':
        throw new ExpressionException(start, "a number must start with a digit (write 0.5, not .5)");
      default:
        throw new ExpressionException(start, "unexpected character '" + printable(c) + "'");
    }
  }

  private static String printable(char c) {
    return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  private boolean match(char c) {
    if (pos < src.length() && src.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private static Token op(int start, String text) {
    return new Token(Kind.OP, text, null, start);
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }

  private Token ident(int start) {
    while (pos < src.length() && isIdentPart(src.charAt(pos))) {
      pos++;
    }
    // One qualifier at most: view.feature
    if (pos + 1 < src.length() && src.charAt(pos) == '.' && isIdentStart(src.charAt(pos + 1))) {
      pos++;
      while (pos < src.length() && isIdentPart(src.charAt(pos))) {
        pos++;
      }
      if (pos < src.length() && src.charAt(pos) == '.') {
        throw new ExpressionException(pos, "a name has at most one qualifier (view.feature)");
      }
    }
    String text = src.substring(start, pos);
    return new Token(Kind.IDENT, text, text, start);
  }

  private int digits() {
    int start = pos;
    while (pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '9') {
      pos++;
    }
    return pos - start;
  }

  private Token number(int start) {
    digits();
    boolean isFloat = false;
    if (pos < src.length() && src.charAt(pos) == '.') {
      pos++;
      if (digits() == 0) {
        throw new ExpressionException(pos, "expected digits after the decimal point");
      }
      isFloat = true;
    }
    if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      pos++;
      if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
        pos++;
      }
      if (digits() == 0) {
        throw new ExpressionException(pos, "expected digits in the exponent");
      }
      isFloat = true;
    }
    if (pos < src.length() && (isIdentPart(src.charAt(pos)) || src.charAt(pos) == '.')) {
      throw new ExpressionException(pos, "unexpected '" + printable(src.charAt(pos)) + "' after a number");
    }
    String text = src.substring(start, pos);
    if (isFloat) {
      double d = Double.parseDouble(text);
      if (Double.isInfinite(d)) {
        throw new ExpressionException(start, "float literal " + text + " is out of range");
      }
      return new Token(Kind.FLOAT, text, d, start);
    }
    // Integer value is checked by the parser, which knows whether a minus sign precedes it.
    return new Token(Kind.INT, text, null, start);
  }

  private Token string(int start, char quote) {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length()) {
        throw new ExpressionException(start, "unterminated string literal");
      }
      char c = src.charAt(pos++);
      if (c == quote) {
        break;
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= src.length()) {
        throw new ExpressionException(start, "unterminated string literal");
      }
      int escAt = pos - 1;
      char e = src.charAt(pos++);
      switch (e) {
        case '\\':
        case '\'':
        case '"':
          sb.append(e);
          break;
        case 'n':
          sb.append('\n');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 'u':
          sb.append(unicodeEscape(escAt));
          break;
        default:
          throw new ExpressionException(escAt, "unknown escape '\\" + printable(e) + "'");
      }
    }
    return new Token(Kind.STRING, src.substring(start, pos), sb.toString(), start);
  }

  private char unicodeEscape(int escAt) {
    if (pos + 4 > src.length()) {
      throw new ExpressionException(escAt, "\\u needs four hex digits");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(src.charAt(pos + i), 16);
      if (d < 0) {
        throw new ExpressionException(escAt, "\\u needs four hex digits");
      }
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }
}
