package dev.parity.offline.parquet.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

/** Damages Parquet files as a bad disk or a broken copy does, for the tests of error paths. */
public final class DamagedParquet {
  /** Not a Thrift compact-protocol struct: its first byte names field type 15, which does not exist. */
  private static final byte[] GARBAGE = {(byte) 0xff, (byte) 0xfe, 0x13, 0x77, (byte) 0x99, 0x42, 0x01, (byte) 0xee};

  private DamagedParquet() {}

  /**
   * Overwrites the first page header of {@code column}'s chunk in row group {@code rowGroup}
   * (0-based); the footer stays intact, so the file opens and fails only when that chunk is read.
   */
  public static void breakPageHeader(Path file, int rowGroup, String column) {
    try {
      long offset;
      try (ParquetFileReader reader = ParquetFileReader.open(new ChannelInputFile(file))) {
        ColumnChunkMetaData chunk = reader.getRowGroups().get(rowGroup).getColumns().stream()
            .filter(c -> c.getPath().toDotString().equals(column)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no column " + column + " in " + file));
        offset = chunk.getStartingPos();
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(GARBAGE), offset);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
