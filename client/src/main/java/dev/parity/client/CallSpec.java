package dev.parity.client;

import static java.util.Objects.requireNonNull;

/**
 * What one call sends, shared by its attempts.
 *
 * @param operation the name the listener sees ({@code lookup}, {@code push}...)
 * @param method {@code GET} or {@code POST}
 * @param path the path and query under the base URL, starting with {@code /}
 * @param body the JSON body of a POST, or null
 * @param idempotent whether a failure after the request may have reached the server can be
 *     retried (reads); writes are retried only when the server cannot have acted
 * @param deadlineNanos how long the whole call may take
 * @param attemptTimeoutNanos how long one attempt may take
 * @param hedgeDelayNanos when to send a hedged second attempt, or 0 for none
 */
record CallSpec(String operation, String method, String path, byte[] body, boolean idempotent, long deadlineNanos,
    long attemptTimeoutNanos, long hedgeDelayNanos) {
  CallSpec {
    requireNonNull(operation, "operation is null");
    requireNonNull(method, "method is null");
    requireNonNull(path, "path is null");
    if (deadlineNanos <= 0 || attemptTimeoutNanos <= 0) {
      throw new IllegalArgumentException("the deadline and the attempt timeout must be positive");
    }
  }
}
