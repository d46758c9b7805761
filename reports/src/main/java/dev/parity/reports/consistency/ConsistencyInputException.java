package dev.parity.reports.consistency;

import dev.parity.ParityException;

/**
 * A consistency report cannot be made as asked: no served rows in the range, a log file without a
 * join key column, a sample without entities. The caller's to fix (a 4xx).
 */
public final class ConsistencyInputException extends ParityException {
  public ConsistencyInputException(String message) {
    super(message);
  }
}
