package dev.parity.server.core;

import dev.parity.ParityException;

/** A materialization cannot run as asked: an unknown or offline view, a bad interval. */
public final class MaterializationException extends ParityException {
  public MaterializationException(String message) {
    super(message);
  }
}
