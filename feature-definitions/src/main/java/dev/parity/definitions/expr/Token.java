package dev.parity.definitions.expr;

/** One lexical token; {@code text} is the raw spelling, {@code value} the decoded literal. */
record Token(Kind kind, String text, Object value, int offset) {
  enum Kind {
    IDENT,
    INT,
    FLOAT,
    STRING,
    OP,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    EOF
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean isOp(String t) {
    return is(Kind.OP, t);
  }

  /** Keywords are case-insensitive identifiers. */
  boolean isKeyword(String lowerKeyword) {
    return kind == Kind.IDENT && text.equalsIgnoreCase(lowerKeyword);
  }
}
