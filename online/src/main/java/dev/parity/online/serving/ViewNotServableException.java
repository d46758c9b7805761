package dev.parity.online.serving;

import dev.parity.online.OnlineRequestException;

/**
 * A feature view exists but cannot be served online: it is not {@code online: true}, or the types
 * of its join keys are unknown (its source declares no schema and none could be resolved) or not
 * valid as keys. The message names the view and, where it applies, the key.
 */
public class ViewNotServableException extends OnlineRequestException {
  public ViewNotServableException(String message) {
    super(message);
  }
}
