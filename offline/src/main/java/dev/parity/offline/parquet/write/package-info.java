/**
 * Writing tables to files: Parquet, the offline store's format, and CSV, the other source format.
 * Every file Parity writes goes through here (reading is {@code dev.parity.offline.parquet.read}).
 *
 * <p>Both writers share one small schema-driven API: a list of {@link
 * dev.parity.offline.parquet.write.Column}s, then rows appended column by column through a {@link
 * dev.parity.offline.parquet.write.RowWriter} with primitive setters. Files appear atomically: rows go
 * to a hidden temporary file ({@code .name.*.tmp}) in the target's directory, which {@link
 * dev.parity.offline.parquet.write.RowWriter#commit()} renames to the target; closing without a commit
 * deletes it. Readers listing a directory should skip names starting with {@code .} or {@code _}.
 *
 * <p>Parquet files use standard logical types that pyarrow, DuckDB and Spark read as declared:
 * {@code int64} is INT64, {@code float64} DOUBLE, {@code bool} BOOLEAN, {@code string} BINARY
 * (STRING), and {@code timestamp} INT64 {@code TIMESTAMP(MICROS, isAdjustedToUTC=true)}.
 */
package dev.parity.offline.parquet.write;
