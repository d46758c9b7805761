package dev.parity.offline.engine;

import java.util.concurrent.atomic.LongAdder;
import dev.parity.offline.SkippedRows;

/** Counts one view's {@link SkippedRows} while its source is spilled by several threads. Thread-safe. */
final class SkipCounter {
  private final LongAdder beyondFutureLimit = new LongAdder();
  private final LongAdder nullKeys = new LongAdder();

  void add(int future, int nullKey) {
    if (future > 0) {
      beyondFutureLimit.add(future);
    }
    if (nullKey > 0) {
      nullKeys.add(nullKey);
    }
  }

  SkippedRows snapshot() {
    return new SkippedRows(beyondFutureLimit.sum(), nullKeys.sum());
  }
}
