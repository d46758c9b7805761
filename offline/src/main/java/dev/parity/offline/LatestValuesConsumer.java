package dev.parity.offline;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Receives latest values in Arrow batches: the view's join key columns (named as in the view),
 * then one column per feature and aggregation (named as the feature), then {@value
 * #EVENT_TIMESTAMP}: the event time of the source row the point-in-time features come from (UTC
 * microseconds; null when no row is within the view's ttl at T, and then every point-in-time
 * feature is null too), then, only when the view's source has a created timestamp column,
 * {@value #CREATED_TIMESTAMP}: that row's created time (null if the row has none). The batch and
 * its vectors belong to the engine and are valid only during the call: copy what you keep. Calls
 * are serialized (never concurrent), in no particular entity order.
 */
@FunctionalInterface
public interface LatestValuesConsumer {
  /** Name of the delivered column holding the chosen row's event time. */
  String EVENT_TIMESTAMP = "__event_timestamp";

  /** Name of the delivered column holding the chosen row's created time (sources with one only). */
  String CREATED_TIMESTAMP = "__created_timestamp";

  void accept(VectorSchemaRoot batch);
}
