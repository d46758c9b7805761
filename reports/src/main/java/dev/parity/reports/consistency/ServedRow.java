package dev.parity.reports.consistency;

import dev.parity.online.FeatureValue.Status;

/**
 * One served entity row to compare, as the serving log or an online lookup gives it. Arrays are
 * indexed as the {@link ServedRows} that holds the row lays out keys, request fields and features.
 *
 * @param keys the join key values
 * @param timeMicros when it was served (UTC microseconds): the offline values are computed then
 * @param requestData the request data values (null when not logged)
 * @param online per feature, the served value (null when none was served; a declared default may
 *     come with {@code NOT_FOUND} or {@code OUTSIDE_MAX_AGE})
 * @param status per feature, the served status; null when the feature cannot be compared in this
 *     row (not logged, or request data it needs was not)
 * @param versionDiffers per feature, whether it was served under another definition version than
 *     the current one of its view or of a view it reads
 */
record ServedRow(Object[] keys, long timeMicros, Object[] requestData, Object[] online, Status[] status,
    boolean[] versionDiffers) {}
