/**
 * The serving log: a sampled record of served {@code get-online-features} requests, one entry per
 * entity row with the values, statuses, event times and definition versions that were served.
 *
 * <p>{@link dev.parity.online.servinglog.ServingLogger} sits on the serving path and only samples
 * and enqueues; one background thread hands batches to a {@link
 * dev.parity.online.servinglog.ServingLogSink} (the server writes Parquet into the offline store),
 * so the consistency and skew reports can read served values next to offline ones.
 */
package dev.parity.online.servinglog;
