package dev.parity.client;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What answers the lookups of a {@link LookupRequest}: the HTTP client's own, or another
 * implementation of {@link FeatureClient} such as {@code parity-client-direct}, which reads Redis
 * itself. Implementations are thread-safe. The static methods build the answers and failures such
 * an implementation returns, the same classes the HTTP client returns.
 */
public interface LookupBackend {

  /**
   * Looks {@code spec} up and waits for the answer.
   *
   * @throws ParityClientException the subclass of the failure, as {@link LookupRequest#get()} documents
   */
  OnlineFeatures get(LookupSpec spec);

  /**
   * Looks {@code spec} up without blocking the caller; the future fails with the exception
   * {@link #get} would throw.
   */
  CompletableFuture<OnlineFeatures> getAsync(LookupSpec spec);

  /**
   * An answer of {@code values}, {@code statuses} and {@code eventTimes}, each indexed {@code
   * [row][column]}, the columns named by {@code featureNames} (join keys first). Values are of the
   * kinds {@link FeatureValue#value()} documents; an event time is null where there is none.
   *
   * @throws IllegalArgumentException if a row has not one entry per name
   */
  static OnlineFeatures answer(List<String> featureNames, Object[][] values, FeatureStatus[][] statuses,
      Instant[][] eventTimes, Instant receivedAt) {
    FeatureNames names = new FeatureNames(requireNonNull(featureNames, "featureNames are null"));
    if (values.length != statuses.length || values.length != eventTimes.length) {
      throw new IllegalArgumentException(values.length + " rows of values, " + statuses.length + " of statuses and "
          + eventTimes.length + " of event times");
    }
    List<RowData> rows = new ArrayList<>(values.length);
    for (int r = 0; r < values.length; r++) {
      if (values[r].length != names.size() || statuses[r].length != names.size() || eventTimes[r].length != names.size()) {
        throw new IllegalArgumentException("row " + r + " does not have one value, status and event time for each of "
            + featureNames);
      }
      rows.add(new RowData(names, values[r].clone(), statuses[r].clone(), eventTimes[r].clone()));
    }
    return new OnlineFeatures(names, rows, receivedAt, 0);
  }

  /**
   * The exception of a failure the server would answer with HTTP {@code status} (400 bad request,
   * 404 unknown name, 503 unavailable, ...): the class the HTTP client throws for that status, so
   * that callers handle both clients' failures alike. Its {@link
   * ParityClientException#httpStatus()} is empty, since no HTTP answer was had.
   */
  static ParityClientException failure(int status, String message, Throwable cause) {
    return Failures.exception(status, message, 0, cause);
  }

  /**
   * The exception of a lookup that did not end within its deadline, {@link
   * DeadlineExceededException} as the HTTP client throws it.
   */
  static ParityClientException deadlineExceeded(String message) {
    return new DeadlineExceededException(message, null);
  }
}
