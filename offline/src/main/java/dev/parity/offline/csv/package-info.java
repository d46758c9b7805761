/**
 * Reading CSV: {@link dev.parity.offline.csv.CsvRecords} splits text into records (RFC 4180),
 * and {@link dev.parity.offline.csv.CsvTable}, the one strict reader built on it, reads a file's
 * header and its cells as declared types with the module's errors (file, line, column). The
 * engine's scanner and data validation read through {@code CsvTable}; the entity table's header
 * check and the server's push (which keeps unparsable cells to reject them row by row) use
 * {@code CsvRecords}, so every CSV reader agrees on what a record is. Writing CSV is in {@code
 * dev.parity.offline.parquet.write}, next to the Parquet writer whose row API it shares.
 */
package dev.parity.offline.csv;
