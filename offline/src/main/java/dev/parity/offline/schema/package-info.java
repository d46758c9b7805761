/**
 * What a source's files say about their columns: {@link
 * dev.parity.offline.schema.SourceFiles} lists the files a source path names (a file, a directory
 * or a glob) in the order readers use, and {@link
 * dev.parity.offline.schema.ParquetSchemaResolver} reads their Parquet footers for the
 * definition loader, so undeclared Parquet schemas are checked when definitions are validated.
 */
package dev.parity.offline.schema;
