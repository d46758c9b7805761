package dev.parity.offline;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Receives latest values in Arrow batches: the view's join key columns (named as in the view),
 * then one column per feature and aggregation (named as the feature). The batch and its vectors
 * belong to the engine and are valid only during the call: copy what you keep. Calls are
 * serialized (never concurrent), in no particular entity order.
 */
@FunctionalInterface
public interface LatestValuesConsumer {
  void accept(VectorSchemaRoot batch);
}
