package dev.parity.offline.parquet.write;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.offline.work.WorkFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Arrow vectors to a Parquet file a column at a time, straight into parquet-java's column
 * writers (no per-row record events): the fast path for wide, long outputs; {@link #writeBatch}
 * can encode and compress ranges of columns on several threads (more ranges than threads,
 * balanced by an estimate of each column's cost and taken by whichever thread is free). Same
 * schema mapping, row-group bounds and atomic publication as {@link ParquetFiles#create}.
 * Float64 and timestamp columns, whose values rarely repeat, and int64 columns whose first batch
 * is nearly all distinct values, are written without a dictionary as whole plain pages ({@link
 * PlainLongPages}); the others through parquet-java's column writers. Not thread-safe.
 *
 * <p>Usage: {@link #writeBatch} for each batch, then {@link #commit}; {@link #close} discards an
 * uncommitted file.
 *
 * <p>This class is the facade: the column encoders are {@link ColumnGroup}s, the threads share
 * their work through {@link WorkSharing}, and the file's lifecycle (temporary file, row groups,
 * publication or discard) is {@link PendingParquetFile}'s.
 */
public final class ArrowParquetWriter implements AutoCloseable {
  private static final int DICTIONARY_PAGE_BYTES = 128 * 1024;
  /** Column ranges per thread: enough that a thread finding no range left waits only for a small one. */
  private static final int GROUPS_PER_THREAD = 4;
  private final List<Column> columns;
  private final ParquetWriteOptions options;
  private final MessageType schema;
  private final ParquetProperties properties;
  private final PendingParquetFile file;
  /** Built by the first batch, once the int64 columns' encoding is chosen. */
  private ColumnGroup[] groups;
  /** Shares the groups' steps between this thread and the helpers; built with the groups. */
  private WorkSharing<ColumnGroup> sharing;
  private final int workers;
  private final int pageRows;
  /** Pool threads that take column ranges next to the caller's thread. */
  private final int helpers;
  private final ColumnWriter[] writers;
  /**
   * Columns written as plain pages by Parity itself (float64, timestamp, and int64 whose first
   * batch shows too many distinct values for a dictionary); null for the others.
   */
  private final PlainLongPages[] plain;
  private long groupRows;
  private long rowCount;
  private volatile boolean done;
  private boolean committed;
  private boolean closed;

  private ArrowParquetWriter(List<Column> columns, AtomicTarget target, ParquetWriteOptions options, int threads)
      throws IOException {
    this.columns = List.copyOf(columns);
    this.options = options;
    this.schema = RowWriteSupport.schemaOf(columns);
    ParquetProperties.Builder builder = ParquetProperties.builder()
        .withDictionaryEncoding(true)
        // A small dictionary limit: columns with few distinct values (labels, categories) keep
        // their dictionary; high-cardinality ones fall back to plain early instead of hashing
        // every value into a dictionary of up to 1 MiB that the file then does not use.
        .withDictionaryPageSize(DICTIONARY_PAGE_BYTES)
        .withRowGroupRowCountLimit(options.rowGroupRowLimit());
    for (Column c : columns) {
      if (c.type() == DataType.FLOAT64 || c.type() == DataType.TIMESTAMP) {
        builder.withDictionaryEncoding(c.name(), false);
      }
    }
    this.properties = builder.build();
    this.file = new PendingParquetFile(target, schema, properties, options);
    this.writers = new ColumnWriter[columns.size()];
    this.plain = new PlainLongPages[columns.size()];
    this.pageRows = Math.min(properties.getPageRowCountLimit(), properties.getPageSizeThreshold() / 8);
    for (int c = 0; c < columns.size(); c++) {
      DataType type = columns.get(c).type();
      if (type == DataType.FLOAT64 || type == DataType.TIMESTAMP) {
        plain[c] = new PlainLongPages(schema.getColumns().get(c), pageRows);
      }
    }
    this.workers = Math.max(1, Math.min(threads, columns.size()));
    this.helpers = workers - 1;
    file.start();
  }

  /**
   * Chooses each int64 column's encoding from the first batch, then builds the column ranges and
   * starts the first row group. An int64 column whose first values are nearly all distinct (ids,
   * hashes, counts over a wide range) is written as plain pages, as float64 is: parquet-java
   * would hash its values into a dictionary, overflow the dictionary limit within the first
   * page and fall back to the same PLAIN encoding, at about three times the cost per value.
   */
  private void start(FieldVector[] values, int[][] rows, int[] from, int count) {
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).type() == DataType.INT64 && ColumnGroup.nearlyAllDistinct(values[c], rows[c], from[c], count)) {
        plain[c] = new PlainLongPages(schema.getColumns().get(c), pageRows);
      }
    }
    long[] costs = new long[columns.size()];
    for (int c = 0; c < costs.length; c++) {
      costs[c] = plain[c] != null ? 1 : cost(columns.get(c).type());
    }
    int[] bounds = groupBounds(costs, workers == 1 ? 1 : workers * GROUPS_PER_THREAD);
    ColumnGroup[] built = new ColumnGroup[bounds.length - 1];
    for (int g = 0; g < built.length; g++) {
      built[g] = new ColumnGroup(bounds[g], bounds[g + 1], columns, schema, writers, plain, properties, options,
          file.target());
    }
    this.groups = built;
    startGroup();
    this.sharing = new WorkSharing<>(List.of(groups), helpers, file.target());
  }

  /**
   * Starts writing a Parquet file that appears at {@code target} on {@link #commit()}.
   *
   * @throws IllegalArgumentException if {@code columns} is empty or has duplicate names
   * @throws DataWriteException if the file cannot be created
   */
  public static ArrowParquetWriter create(Path target, List<Column> columns, ParquetWriteOptions options) {
    return create(target, columns, options, 1);
  }

  /**
   * As {@link #create(Path, List, ParquetWriteOptions)}, encoding and compressing up to {@code
   * threads} ranges of columns in parallel in {@link #writeBatch} (own threads, stopped on
   * commit or close).
   */
  public static ArrowParquetWriter create(Path target, List<Column> columns, ParquetWriteOptions options, int threads) {
    return create(target, columns, options, threads, Optional.empty());
  }

  /**
   * As {@link #create(Path, List, ParquetWriteOptions, int)}, the temporary file recorded by the
   * run's working folder {@code owner}, which removes it if the process dies before the commit.
   */
  public static ArrowParquetWriter create(Path target, List<Column> columns, ParquetWriteOptions options, int threads,
      WorkFolder owner) {
    return create(target, columns, options, threads, Optional.of(requireNonNull(owner, "owner is null")));
  }

  private static ArrowParquetWriter create(Path target, List<Column> columns, ParquetWriteOptions options,
      int threads, Optional<WorkFolder> owner) {
    requireNonNull(target, "target is null");
    requireNonNull(columns, "columns is null");
    requireNonNull(options, "options is null");
    AbstractRowWriter.checkSchema(columns);
    AtomicTarget atomic = AtomicTarget.create(target, owner);
    try {
      return new ArrowParquetWriter(columns, atomic, options, threads);
    } catch (IOException | RuntimeException e) {
      DataWriteException failure = new DataWriteException("cannot start writing " + atomic.target(), e);
      try {
        atomic.discard();
      } catch (DataWriteException second) {
        failure.addSuppressed(second);
      }
      throw failure;
    }
  }

  private void startGroup() {
    for (ColumnGroup g : groups) {
      g.start();
    }
    groupRows = 0;
  }

  /**
   * Writes one batch of {@code count} rows, all columns: column c takes rows {@code
   * rows[c][from[c] .. from[c] + count)} of {@code values[c]}, or rows {@code from[c] .. from[c] +
   * count} when {@code rows[c]} is null. Vector types must match the columns' (bool: BitVector,
   * int64: BigIntVector, float64: Float8Vector, string: VarCharVector, timestamp: a micros
   * timestamp vector). Column ranges are encoded in parallel when the writer was created with
   * several threads. The vectors are only read during the call.
   *
   * @throws DataWriteException if a value cannot be written (e.g. null in a required column);
   *     the writer is then unusable and {@link #close} discards the file
   */
  public void writeBatch(FieldVector[] values, int[][] rows, int[] from, int count) {
    writeBatchAhead(values, rows, from, count);
    await(0);
  }

  /**
   * As {@link #writeBatch}, but may return while this batch's column ranges are still being
   * encoded on the writer's threads, so that a thread done with its share of one batch goes on
   * with the next instead of waiting for the slowest range (at most one batch is left in flight).
   * The vectors must then stay as they are, and open, until the next call of either method, or
   * {@link #commit} or {@link #close}, returns.
   *
   * @throws DataWriteException as {@link #writeBatch}, for this batch or the one before it
   */
  public void writeBatchAhead(FieldVector[] values, int[][] rows, int[] from, int count) {
    requireOpen();
    if (values.length != columns.size() || rows.length != columns.size() || from.length != columns.size()) {
      throw new IllegalArgumentException(values.length + " vectors, " + rows.length + " row maps and " + from.length
          + " offsets for " + columns.size() + " columns");
    }
    if (groups == null) {
      try {
        start(values, rows, from, count);
      } catch (RuntimeException e) {
        done = true;
        throw new DataWriteException("cannot start writing " + file.target(), e);
      }
    }
    // A row group never exceeds the row limit: a batch that would cross it is split there.
    for (int written = 0; written < count; ) {
      int part = (int) Math.min(count - written, options.rowGroupRowLimit() - groupRows);
      int[] start = from.clone();
      for (int c = 0; c < start.length; c++) {
        start[c] += written;
      }
      submit(g -> g.write(values, rows, start, part));
      groupRows += part;
      rowCount += part;
      written += part;
      // The previous part is done when this returns; this one may still be running.
      await(1);
      long buffered = 0;
      for (ColumnGroup g : groups) {
        buffered += g.buffered;
      }
      if (groupRows >= options.rowGroupRowLimit() || buffered >= options.rowGroupBytes()) {
        flushGroup();
      }
    }
  }

  /**
   * Queues {@code step} on every group ({@link WorkSharing#submit}); after the step, a group's
   * thread measures what the group buffers (for the row-group size check).
   */
  private void submit(WorkSharing.Step<ColumnGroup> step) {
    sharing.submit(g -> {
      step.run(g);
      g.buffered = g.bufferedSize();
    });
  }

  /** {@link WorkSharing#await}; a step's failure leaves the writer done. */
  private void await(int left) {
    try {
      sharing.await(left);
    } catch (RuntimeException e) {
      done = true;
      throw e;
    }
  }

  /** Runs {@code step} on every group, on this thread and the helpers, and waits for all of it. */
  private void forEachGroup(WorkSharing.Step<ColumnGroup> step) {
    submit(step);
    await(0);
  }

  public long rowCount() {
    return rowCount;
  }

  private void flushGroup() {
    if (groupRows == 0 || groups == null) {
      return;
    }
    try {
      // The chunks' last pages and dictionaries are encoded and compressed in parallel; only
      // the copy of the finished chunks into the file is sequential (column order).
      forEachGroup(ColumnGroup::flush);
      file.writeRowGroup(groupRows, groups);
    } catch (IOException | RuntimeException e) {
      done = true;
      throw new DataWriteException("cannot write a row group of " + file.target(), e);
    } finally {
      for (ColumnGroup g : groups) {
        g.release();
      }
    }
    startGroup();
  }

  /** Finishes the file and publishes it at the target. */
  public void commit() {
    requireOpen();
    flushGroup();
    try {
      file.finish();
    } catch (DataWriteException e) {
      done = true;
      throw e;
    }
    done = true;
    committed = true;
    releaseAll();
    file.publish();
  }

  /** Discards the file unless committed. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    done = true;
    if (committed) {
      return;
    }
    file.abandon(this::releaseAll);
  }

  /** Stops the helpers once no group is running a step, then releases every group's stores. */
  private void releaseAll() {
    if (sharing != null) {
      sharing.stop();
    }
    for (ColumnGroup g : groups == null ? new ColumnGroup[0] : groups) {
      g.release();
    }
  }

  /** Throws a step's failure not yet reported (a batch written ahead failed), or if the writer is done. */
  private void requireOpen() {
    if (!done && groups != null) {
      await(Integer.MAX_VALUE);
    }
    if (done) {
      throw new IllegalStateException("writer for " + file.target() + " is closed");
    }
  }

  /**
   * Splits the columns into at most {@code groups} contiguous ranges of about equal estimated
   * cost; returns the {@code ranges + 1} bounds. Plain 64-bit pages (float64, timestamp) cost
   * least per row; int64 goes through parquet-java's dictionary attempt; strings are longest.
   */
  static int[] groupBounds(List<Column> columns, int groups) {
    return groupBounds(columns.stream().mapToLong(c -> cost(c.type())).toArray(), groups);
  }

  /** Estimated cost per row of a column of {@code type} through its usual writer. */
  private static long cost(DataType type) {
    return switch (type) {
      case FLOAT64, TIMESTAMP, BOOL -> 1;
      case INT64 -> 3;
      default -> 4;
    };
  }

  /** As {@link #groupBounds(List, int)}, for the given cost of each column ({@link WorkSharing#groupBounds}). */
  static int[] groupBounds(long[] costs, int groups) {
    return WorkSharing.groupBounds(costs, groups);
  }
}
