package dev.parity.server.models;

import dev.parity.ParityException;

/** A caller without the admin role tried to move a protected alias. */
public final class AliasProtectedException extends ParityException {
  AliasProtectedException(String message) {
    super(message);
  }
}
