package dev.parity.server.core;

import dev.parity.ParityException;

/**
 * A path named in a request that the server will not use: missing, malformed, not of the kind
 * asked for (an output that is not {@code .parquet}), or outside the directories the server
 * allows (see {@link AllowedPaths}). Nothing was read or written. HTTP 400.
 */
public final class RequestPathException extends ParityException {
  public RequestPathException(String message) {
    super(message);
  }
}
