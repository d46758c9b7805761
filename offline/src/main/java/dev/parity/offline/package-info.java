/**
 * The offline path (docs/offline.md): point-in-time correct training sets and latest values for
 * materialization, behind {@link dev.parity.offline.OfflineEngine}.
 *
 * <p>Public API: {@link dev.parity.offline.OfflineEngine} (and its embedded Arrow/Parquet
 * implementation, {@link dev.parity.offline.OfflineEngine#embedded}); the view descriptor {@link
 * dev.parity.offline.OfflineView} with {@link dev.parity.offline.OfflineSource}, {@link
 * dev.parity.offline.OfflineFeature}, {@link dev.parity.offline.OfflineAggregation}; requests
 * {@link dev.parity.offline.TrainingSetRequest} and {@link dev.parity.offline.LatestValuesRequest};
 * {@link dev.parity.offline.OfflineOptions}; {@link dev.parity.offline.Progress}; the results
 * {@link dev.parity.offline.TrainingSetResult} and {@link dev.parity.offline.SkippedRows}; and the
 * {@link dev.parity.offline.OfflineException} hierarchy.
 *
 * <p>Semantics fixed here: for an entity row at T, the point-in-time value of a view is that of
 * the source row with equal keys and {@code T - ttl <= ts <= T} that is greatest by (event time,
 * created time with null lowest, source order = files in lexicographic path order then rows in
 * file order); an entity row with a null key part or a null event time is an error (an online
 * lookup refuses a null key as well); source rows with a null key or null event time are ignored
 * (those with a null key counted, {@link dev.parity.offline.SkippedRows}). With {@code
 * asOfCreated}, source rows created after it are ignored (rows with a null created time are
 * kept). With a {@code futureLimit}, source rows with an event or created time beyond it are
 * ignored and counted ({@link dev.parity.definitions.FutureTimeLimit} states the rule).
 * Aggregations cover {@code (T - window, T]}, see {@link dev.parity.offline.OfflineAggregation}.
 * Entity columns are copied as read (narrow integers and floats widened to int64/float64).
 *
 * <p>This package holds the API only; the embedded engine lives in {@code
 * dev.parity.offline.engine}.
 */
package dev.parity.offline;
