package dev.parity.offline.features;

import dev.parity.definitions.DataType;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.OfflineException;
import dev.parity.offline.parquet.read.PageDecoder;
import dev.parity.offline.parquet.read.ChannelInputFile;
import dev.parity.offline.parquet.read.PageBuffer;
import dev.parity.offline.parquet.read.ParquetCodecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import dev.parity.offline.parquet.read.ParquetBatchReader;

/**
 * Feeds {@link StatisticsCollector}s from the columns of a flat Parquet file written by the engine,
 * without Arrow vectors: each column is read on its own (only its chunks, every row group in file
 * order, so a collector sees exactly the values and order the output pass's batches give it) with
 * the engine's page decoder ({@link PageDecoder}: whole runs for 64-bit columns), and the columns
 * are spread over a few threads. What {@link OutputPass#publish} reads instead of every column of
 * the file through parquet-java's record readers into Arrow batches, which cost a published
 * training set about as much as the join's output phase.
 */
final class ColumnStatisticsReader {
  private static final int BATCH_ROWS = 1 << 16;

  private ColumnStatisticsReader() {}

  /**
   * Adds every value of each collector's column of {@code file} to it, and returns their results
   * in the collectors' order.
   *
   * @param threads how many columns may be read at the same time
   * @throws CorruptInputException if the file cannot be read or a column is missing or has another type
   * @throws OfflineException if interrupted
   */
  static List<FeatureStatistics> read(Path file, List<StatisticsCollector> collectors, int threads) {
    return read(List.of(file), collectors, threads);
  }

  /**
   * As {@link #read(Path, List, int)} over several files, each collector fed every file's values
   * in the order of {@code files} (a directory of part files, read as the one file of their rows).
   */
  static List<FeatureStatistics> read(List<Path> files, List<StatisticsCollector> collectors, int threads) {
    Path file = files.get(0); // named in the interrupt message
    List<FeatureStatistics> results = new ArrayList<>(Arrays.asList(new FeatureStatistics[collectors.size()]));
    // Strings first: the costliest column, read while the others are shared out.
    List<Integer> order = new ArrayList<>();
    for (int c = 0; c < collectors.size(); c++) {
      order.add(c);
    }
    order.sort(Comparator.comparing(c -> collectors.get(c).type() != DataType.STRING));
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < order.size(); i = next.getAndIncrement()) {
        int c = order.get(i);
        for (Path part : files) {
          read(part, collectors.get(c));
        }
        results.set(c, collectors.get(c).result());
      }
    };
    int helpers = Math.min(threads, collectors.size()) - 1;
    if (helpers <= 0) {
      worker.run();
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(helpers, r -> {
      Thread t = new Thread(r, "parity-statistics");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int h = 0; h < helpers; h++) {
        running.add(pool.submit(worker));
      }
      RuntimeException failure = null;
      try {
        worker.run();
      } catch (RuntimeException e) {
        failure = e;
        next.set(order.size());
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
              : new IllegalStateException(e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OfflineException(file, "interrupted while computing statistics", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Adds every value of the collector's column to it. */
  private static void read(Path file, StatisticsCollector collector) {
    try (ParquetFileReader reader = ParquetFileReader.open(new ChannelInputFile(file), ParquetCodecs.readOptions())) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      if (!schema.containsField(collector.column())) {
        throw new CorruptInputException(file, "no column " + collector.column(), null);
      }
      Type field = schema.getType(collector.column());
      if (!field.isPrimitive() || ParquetBatchReader.engineType(field.asPrimitiveType()) != collector.type()) {
        throw new CorruptInputException(file, "column " + collector.column() + " is " + field
            + ", not " + collector.type(), null);
      }
      MessageType projection = new MessageType(schema.getName(), field);
      reader.setRequestedSchema(projection);
      ColumnDescriptor descriptor = projection.getColumns().get(0);
      long[] words = null;
      byte[] scratch = null;
      // Values are added (strings copied) before the next page is read: one array for every page.
      PageBuffer pageBuffer = new PageBuffer();
      for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
        try {
          PageDecoder decoder = new PageDecoder(descriptor, pages.getPageReader(descriptor), pageBuffer);
          long rows = pages.getRowCount();
          switch (collector.type()) {
            case INT64, FLOAT64, TIMESTAMP -> {
              if (words == null) {
                words = new long[BATCH_ROWS];
                scratch = new byte[BATCH_ROWS / 8 + 1];
              }
              for (long done = 0; done < rows; ) {
                int n = (int) Math.min(BATCH_ROWS, rows - done);
                int defined = decoder.readDefinedLongs(words, scratch, n);
                collector.addDefinedWords(words, defined, n);
                done += n;
              }
            }
            case STRING -> addStrings(decoder, collector, rows);
            case BOOL -> addBooleans(decoder, collector, rows);
          }
        } finally {
          pages.close(); // its chunk buffers go back to the read options' pool
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof OfflineException o) {
        throw o;
      }
      throw CorruptInputException.parquet(file, "column '" + collector.column() + "'", e);
    }
  }

  private static void addStrings(PageDecoder decoder, StatisticsCollector collector, long rows) throws IOException {
    for (long i = 0; i < rows; i++) {
      collector.addString(decoder.nextDefined()
          ? new String(decoder.values().readBytes().getBytesUnsafe(), StandardCharsets.UTF_8) : null);
    }
  }

  private static void addBooleans(PageDecoder decoder, StatisticsCollector collector, long rows) throws IOException {
    for (long i = 0; i < rows; i++) {
      collector.addBoolean(decoder.nextDefined() ? decoder.values().readBoolean() : null);
    }
  }
}
