package dev.parity.reports.skew;

import dev.parity.ParityException;

/**
 * A data set cannot be compared as asked: a feature's column is missing from it or has another
 * type, two features would read one column, or it has no rows. The caller's to fix (a 4xx).
 */
public final class SkewInputException extends ParityException {
  public SkewInputException(String message) {
    super(message);
  }
}
