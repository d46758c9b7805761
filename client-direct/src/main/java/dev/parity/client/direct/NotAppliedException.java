package dev.parity.client.direct;

import dev.parity.ParityException;

/**
 * A lookup needs a service or view that the repository adds or changes but the registry does not
 * have at that version yet: the values in Redis were written under the registered version. The
 * server answers it with 409.
 */
final class NotAppliedException extends ParityException {
  NotAppliedException(String message) {
    super(message);
  }
}
