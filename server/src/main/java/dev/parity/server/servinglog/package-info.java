/**
 * The server's serving log sink: {@link dev.parity.server.servinglog.ParquetServingLogSink} writes
 * the entries of a {@link dev.parity.online.servinglog.ServingLogger} as Parquet files into the
 * offline store, laid out so the skew and consistency reports can read served values next to a
 * training set.
 */
package dev.parity.server.servinglog;
