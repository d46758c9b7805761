package dev.parity.client;

import java.time.Instant;

/**
 * One entity row of an answer, a value per column: what the near cache keeps. Never changed
 * after it is built.
 *
 * @param eventTimes null where the answer has no event time
 */
record RowData(FeatureNames names, Object[] values, FeatureStatus[] statuses, Instant[] eventTimes) {}
