package dev.parity.server.feast;

import dev.parity.ParityException;

/**
 * Values a client sent for a feature Parity computes differ from what Parity computes from the
 * same row: training/serving skew caught before it is written (HTTP 400). Nothing was written.
 */
public final class SkewException extends ParityException {
  SkewException(String message) {
    super(message);
  }
}
