package dev.parity.offline.parquet.read;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Says in a few words why parquet-java could not read a file, and which column, for error
 * messages. Its own messages come from Thrift and its internals ({@code can not read class
 * org.apache.parquet.format.PageHeader: don't know what type: 15}) and tell a user only that the
 * bytes are wrong, in words they cannot act on; the original exception stays the cause, for logs.
 * Stateless and thread-safe.
 */
public final class ParquetDamage {
  private ParquetDamage() {}

  /**
   * Whether {@code failure} says the file's bytes are wrong, rather than that the file could not
   * be read at all (permissions, a closed or interrupted channel).
   */
  public static boolean isDamage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof FileSystemException || t instanceof ClosedChannelException) {
        return false;
      }
    }
    return true;
  }

  /**
   * What is wrong, in a few words: {@code "a page header cannot be decoded"}, {@code "the file
   * ends early (truncated?)"}... For a failure that is not damage ({@link #isDamage}), the I/O
   * error's own message.
   */
  public static String reason(Throwable failure) {
    if (!isDamage(failure)) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof FileSystemException || t instanceof ClosedChannelException) {
          return t instanceof FileSystemException f && f.getReason() != null ? f.getReason()
              : t.getClass().getSimpleName();
        }
      }
    }
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EOFException) {
        return "the file ends early (truncated?)";
      }
      messages.append(' ').append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }
    String all = messages.toString().toLowerCase(Locale.ROOT);
    if (all.contains("is not a parquet file") || all.contains("magic number")) {
      return "no Parquet footer (the file does not end with PAR1: not Parquet, or truncated)";
    }
    if (all.contains("filemetadata") || all.contains("footer")) {
      return "its footer (the file metadata) cannot be decoded";
    }
    if (all.contains("pageheader") || all.contains("page size") || all.contains("page header")) {
      return "a page header cannot be decoded";
    }
    if (all.contains("decompress") || all.contains("zstd") || all.contains("snappy") || all.contains("gzip")) {
      return "a page cannot be decompressed";
    }
    if (all.contains("dictionary")) {
      return "a dictionary page cannot be decoded";
    }
    if (all.contains("fewer values than its row group")) {
      return "a column chunk has fewer values than its row group";
    }
    return "its data cannot be decoded";
  }

  /**
   * The column of {@code projection} whose chunk in row group {@code group} (0-based) cannot be
   * read, or -1 if none fails alone: parquet-java reads a row group's chunks at once, and its
   * failure does not say which. Reads {@code file} again, one column at a time; for error paths.
   */
  public static int failingColumn(InputFile file, MessageType projection, int group) {
    if (projection == null) {
      return -1;
    }
    List<Type> fields = projection.getFields();
    for (int c = 0; c < fields.size(); c++) {
      MessageType one = new MessageType(projection.getName(), fields.get(c));
      try (ParquetFileReader reader = ParquetFileReader.open(file, ParquetCodecs.readOptions())) {
        reader.setRequestedSchema(one);
        try (PageReadStore pages = reader.readRowGroup(group)) {
          ColumnDescriptor descriptor = one.getColumns().get(0);
          PageDecoder decoder = new PageDecoder(descriptor, pages.getPageReader(descriptor));
          for (long row = 0; row < pages.getRowCount(); row++) {
            decoder.nextDefined();
          }
        }
      } catch (IOException | RuntimeException e) {
        return c;
      }
    }
    return -1;
  }
}
