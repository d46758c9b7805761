package dev.parity.offline;

/** File formats the offline engine reads. */
public enum SourceFormat {
  /** Apache Parquet; columns are read by name, types come from the file. */
  PARQUET,
  /** RFC 4180 CSV with a header line; types come from a declared schema. */
  CSV
}
