package dev.parity.definitions.expr;

import dev.parity.ParityException;

/**
 * A syntax or type error in one expression. The position is relative to the expression text, so
 * that the definition loader can translate it to {@code file:line:column} of the YAML scalar.
 */
public final class ExpressionException extends ParityException {
  private final int offset;
  private final String reason;

  /**
   * @param offset 0-based character offset in the expression text where the problem starts
   * @param reason what is wrong, without position (e.g. "unknown column 'fare_x'")
   */
  public ExpressionException(int offset, String reason) {
    super("column " + (offset + 1) + ": " + reason);
    this.offset = offset;
    this.reason = reason;
  }

  public int offset() {
    return offset;
  }

  public String reason() {
    return reason;
  }
}
