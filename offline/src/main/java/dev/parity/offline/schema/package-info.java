/**
 * Which files a source names: {@link dev.parity.offline.schema.SourceFiles} lists the files of a
 * source path (a file, a directory or a glob) in the order every reader uses, and {@link
 * dev.parity.offline.schema.SourceSchemaException} reports a source that cannot be read as
 * declared. Reading the files' Parquet footers is {@link
 * dev.parity.offline.parquet.read.ParquetSchemaResolver}'s job.
 */
package dev.parity.offline.schema;
