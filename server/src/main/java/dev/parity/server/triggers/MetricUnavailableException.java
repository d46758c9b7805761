package dev.parity.server.triggers;

import dev.parity.ParityException;

/**
 * A metric trigger's value could not be read (a Prometheus endpoint down, answering an error or
 * text that is not its format). The scheduler records the message in the trigger's state and
 * tries again at its next tick; the trigger neither fires nor forgets how long its value held.
 */
final class MetricUnavailableException extends ParityException {
  MetricUnavailableException(String message) {
    super(message);
  }

  MetricUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
