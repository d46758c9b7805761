package dev.parity.server.core;

import dev.parity.offline.EntityTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The latest {@code event_timestamp} of a Parquet entity table, from its footers' column
 * statistics (no data is read): the time a training set's data must be fresh at. Empty for CSV
 * tables, or when a footer has no statistics for the column.
 */
final class EntityTimes {
  private EntityTimes() {}

  static Optional<Instant> latest(Path table) {
    List<Path> files;
    try (Stream<Path> walk = Files.isDirectory(table) ? Files.walk(table) : Stream.of(table)) {
      files = walk.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith(".") && !f.getFileName().toString().startsWith("_"))
          .sorted().toList();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (files.isEmpty() || files.get(0).getFileName().toString().toLowerCase().endsWith(".csv")) {
      return Optional.empty();
    }
    long latest = Long.MIN_VALUE;
    for (Path file : files) {
      try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
        for (BlockMetaData block : reader.getFooter().getBlocks()) {
          Optional<Long> max = max(block);
          if (max.isEmpty()) {
            return Optional.empty();
          }
          latest = Math.max(latest, max.get());
        }
      } catch (IOException | RuntimeException e) {
        // The training set reports an unreadable table with its own clear error; here it only
        // means no reference time.
        return Optional.empty();
      }
    }
    return latest == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(
        Math.floorDiv(latest, 1_000_000L), Math.floorMod(latest, 1_000_000L) * 1000L));
  }

  /** The block's maximum event time in microseconds, if its statistics say. */
  private static Optional<Long> max(BlockMetaData block) {
    for (ColumnChunkMetaData column : block.getColumns()) {
      if (!column.getPath().toDotString().equals(EntityTable.EVENT_TIMESTAMP)) {
        continue;
      }
      Statistics<?> stats = column.getStatistics();
      if (stats == null || !stats.hasNonNullValue() || column.getPrimitiveType().getPrimitiveTypeName()
          != PrimitiveType.PrimitiveTypeName.INT64) {
        return Optional.empty();
      }
      long value = (Long) stats.genericGetMax();
      LogicalTypeAnnotation logical = column.getPrimitiveType().getLogicalTypeAnnotation();
      if (!(logical instanceof TimestampLogicalTypeAnnotation timestamp)) {
        return Optional.empty();
      }
      return Optional.of(switch (timestamp.getUnit()) {
        case MILLIS -> value * 1000L;
        case MICROS -> value;
        case NANOS -> Math.floorDiv(value, 1000L);
      });
    }
    return Optional.empty();
  }
}
