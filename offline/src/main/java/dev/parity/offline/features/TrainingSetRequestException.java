package dev.parity.offline.features;

import dev.parity.offline.OfflineException;

/**
 * A training set request does not fit the repository: unknown feature service, view or feature, a
 * malformed {@code view:feature} reference, or output names that clash. Nothing was written.
 */
public final class TrainingSetRequestException extends OfflineException {
  public TrainingSetRequestException(String message) {
    super(message, null);
  }
}
