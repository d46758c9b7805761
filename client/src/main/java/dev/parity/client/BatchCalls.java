package dev.parity.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The JSON calls of pushes and jobs: one call each, with the batch timeout. Thread-safe. */
final class BatchCalls {
  private final ClientCore core;
  private final ObjectMapper json;
  private final Executor executor;
  private final Duration timeout;

  BatchCalls(ClientCore core, ObjectMapper json, Executor executor, Duration timeout) {
    this.core = core;
    this.json = json;
    this.executor = executor;
    this.timeout = timeout;
  }

  ObjectMapper json() {
    return json;
  }

  Ticker ticker() {
    return core.ticker;
  }

  Duration timeout() {
    return timeout;
  }

  <T> CompletableFuture<T> async(CompletableFuture<T> call) {
    return Futures.on(call, executor);
  }

  /**
   * One call whose answer is a JSON object, read by {@code reader} (whose failures make the
   * answer malformed).
   *
   * @param body the JSON body, or null for none
   * @param idempotent whether a failure after the request was sent may be retried
   * @param deadline the call's deadline, and its attempts' timeout
   */
  <T> CompletableFuture<T> call(String operation, String method, String path, byte[] body, boolean idempotent,
      Duration deadline, JsonReader<T> reader) {
    CallSpec spec = new CallSpec(operation, method, path, body, idempotent, deadline.toNanos(), deadline.toNanos(), 0);
    return core.call(spec, bytes -> {
      JsonNode tree = json.readTree(bytes);
      if (tree == null || !tree.isObject()) {
        throw new IOException("expected a JSON object, got " + (tree == null ? "nothing" : tree.getNodeType()));
      }
      return reader.read(tree);
    });
  }

  /** Reads an answer; throws when it lacks what it should have. */
  @FunctionalInterface
  interface JsonReader<T> {
    T read(JsonNode answer) throws IOException;
  }
}
