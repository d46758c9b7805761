package dev.parity.definitions;

import dev.parity.ParityException;

/**
 * A feature selection that cannot be served or built as asked, though every name in it exists: a
 * reference not written {@code view:feature}, a feature selected twice, a request field or output
 * column that two features claim with different meanings. The caller's request is at fault.
 */
public class SelectionException extends ParityException {
  public SelectionException(String message) {
    super(message);
  }
}
