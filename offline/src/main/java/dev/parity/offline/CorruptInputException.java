package dev.parity.offline;

import dev.parity.offline.parquet.read.ParquetDamage;
import java.nio.file.Path;

/** An input file cannot be read as its declared format (not Parquet, truncated, corrupt pages...). */
public final class CorruptInputException extends OfflineException {
  public CorruptInputException(Path file, String message, Throwable cause) {
    super(file, message, cause);
  }

  /**
   * A Parquet file parquet-java failed to read, said in words a user can act on: {@code
   * "<file>: corrupt Parquet file (column 'fare', row group 2 of 4): a page header cannot be
   * decoded"} instead of the Thrift message, which stays in the cause. A failure that is no damage
   * to the bytes (a permission, an interrupted read) says {@code "cannot read"} and its reason.
   *
   * @param where the part of the file being read, such as {@code "column 'fare', row group 2 of
   *     4"}; empty for the footer or when not known
   */
  public static CorruptInputException parquet(Path file, String where, Throwable cause) {
    String part = where.isEmpty() ? "" : " (" + where + ")";
    String what = ParquetDamage.isDamage(cause) ? "corrupt Parquet file" : "cannot read Parquet file";
    return new CorruptInputException(file, what + part + ": " + ParquetDamage.reason(cause), cause);
  }
}
