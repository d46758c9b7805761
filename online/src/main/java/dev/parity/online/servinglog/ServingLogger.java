package dev.parity.online.servinglog;

import static java.util.Objects.requireNonNull;

import dev.parity.online.serving.OnlineFeaturesResponse;
import java.time.Instant;
import java.util.Map;

/**
 * Logs a sample of served requests to a {@link ServingLogSink} in the background. Thread-safe;
 * one per server, shared by all request threads.
 *
 * <p>{@link #log} is on the serving path and costs a counter increment when the request is not
 * sampled, and an enqueue when it is: it never blocks, never does I/O and never throws because of
 * the log. When the queue is full the request is dropped and counted. One daemon thread ({@code
 * parity-serving-log}) turns queued requests into {@link ServingLogEntry entries} and writes them;
 * a failing sink is logged and counted, never reported to callers.
 */
public interface ServingLogger extends AutoCloseable {

  /**
   * Samples the served request and, when sampled, queues it for writing.
   *
   * @param schema what the response's columns are (join keys first, then features)
   * @param response what was served
   * @param requestTime when the request was received
   */
  default void log(ServedSchema schema, OnlineFeaturesResponse response, Instant requestTime) {
    log(schema, response, Map.of(), requestTime);
  }

  /**
   * Samples the served request and, when sampled, queues it for writing with its request data.
   *
   * @param requestData the request's data fields, coerced to their declared types, one value per
   *     entity row; the fields of {@code schema.requestFields()} are logged, a missing one as nulls.
   *     The arrays must not change afterwards.
   */
  void log(ServedSchema schema, OnlineFeaturesResponse response, Map<String, Object[]> requestData,
      Instant requestTime);

  /** The counters so far, read without locking (each counter is exact, the set is not a snapshot in time). */
  ServingLogStats stats();

  /**
   * Stops accepting requests (later ones count as dropped), writes what is queued, closes the sink
   * and stops the writer thread, waiting at most the configured close timeout. What is still
   * queued after the timeout is lost and logged. Idempotent.
   */
  @Override
  void close();

  /** Starts a logger, and its writer thread, writing to {@code sink}, which it closes on {@link #close()}. */
  static ServingLogger start(ServingLogSink sink, ServingLogSettings settings) {
    requireNonNull(sink, "sink is null");
    requireNonNull(settings, "settings are null");
    return QueuedServingLogger.start(sink, settings);
  }
}
