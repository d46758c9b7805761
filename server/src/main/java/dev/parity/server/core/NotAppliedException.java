package dev.parity.server.core;

import dev.parity.ParityException;

/**
 * The feature repository differs from what its registry holds, so a run would compute values with
 * definitions nobody registered: {@code parity apply} must come first.
 */
public final class NotAppliedException extends ParityException {
  public NotAppliedException(String message) {
    super(message);
  }
}
