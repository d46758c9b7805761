package dev.parity.offline.parquet.write;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.offline.work.WorkFolder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import dev.parity.offline.parquet.read.ParquetCodecs;

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
 */
public final class ArrowParquetWriter implements AutoCloseable {
  private static final int DICTIONARY_PAGE_BYTES = 128 * 1024;
  /** Column ranges per thread: enough that a thread finding no range left waits only for a small one. */
  private static final int GROUPS_PER_THREAD = 4;
  /** Values sampled from the start of an int64 batch before its column's encoding is chosen. */
  private static final int DISTINCT_SAMPLE = 8192;
  private final List<Column> columns;
  private final AtomicTarget target;
  private final ParquetWriteOptions options;
  private final MessageType schema;
  private final ParquetProperties properties;
  private final ParquetFileWriter file;
  /** Built by the first batch, once the int64 columns' encoding is chosen. */
  private Group[] groups;
  private final int workers;
  private final int pageRows;
  private final ExecutorService pool;
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
  /** Guards the groups' queues and busy flags, {@link #inFlight}, {@link #failure} and {@link #stopped}. */
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a step is queued or finished, a failure is recorded or the helpers are stopped. */
  private final Condition changed = lock.newCondition();
  /** Jobs not finished on every group, oldest first. */
  private final ArrayDeque<Job> inFlight = new ArrayDeque<>();
  /** The first failure of a step (later ones suppressed in it), or null. */
  private RuntimeException failure;
  private boolean stopped;
  /** Where {@link #takeGroup} looks first: threads spread over the groups. */
  private int nextGroup;
  private volatile boolean done;
  private boolean committed;
  private boolean closed;

  /**
   * A contiguous range of columns with its own page store and column store, so that
   * groups can be encoded and compressed on different threads; their chunks are written to the
   * file in column order.
   */
  private final class Group {
    final int from;
    final int to;
    final MessageType schema;
    /** The columns written through parquet-java's column writers (null when all are plain pages). */
    final MessageType encoded;
    ColumnChunkPageWriteStore pages;
    ColumnWriteStore store;
    /** Steps waiting for this group, oldest first; guarded by the writer's lock. */
    final ArrayDeque<Job> queue = new ArrayDeque<>();
    /** Whether a thread is running a step on this group; guarded by the writer's lock. */
    boolean busy;
    /** Bytes buffered after the group's last step, as that step's thread measured them. */
    volatile long buffered;

    Group(int from, int to) {
      this.from = from;
      this.to = to;
      this.schema = new MessageType("parity", ArrowParquetWriter.this.schema.getFields().subList(from, to));
      List<org.apache.parquet.schema.Type> fields = new ArrayList<>();
      for (int c = from; c < to; c++) {
        if (plain[c] == null) {
          fields.add(ArrowParquetWriter.this.schema.getFields().get(c));
        }
      }
      this.encoded = fields.isEmpty() ? null : new MessageType("parity", fields);
    }

    void start() {
      buffered = 0;
      pages = ColumnChunkPageWriteStore.builder()
          .withCompressorProvider(d -> ParquetCodecs.instance().getCompressor(options.compression().codec()))
          .withSchema(schema)
          .withAllocator(new HeapByteBufferAllocator())
          .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
          .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
          .build();
      // The plain-page columns write to the same page store, so every chunk is written in
      // schema order on flush.
      store = encoded == null ? null : properties.newColumnWriteStore(encoded, pages, pages);
      List<ColumnDescriptor> descriptors = schema.getColumns();
      for (int c = from; c < to; c++) {
        if (plain[c] != null) {
          plain[c].start(pages.getPageWriter(descriptors.get(c - from)));
        } else {
          writers[c] = store.getColumnWriter(descriptors.get(c - from));
        }
      }
    }

    void endRows(int count) {
      for (int i = 0; store != null && i < count; i++) {
        store.endRecord();
      }
    }

    long bufferedSize() {
      long size = store == null ? 0 : store.getBufferedSize();
      for (int c = from; c < to; c++) {
        if (plain[c] != null) {
          size += plain[c].bufferedSize() + pages.getPageWriter(schema.getColumns().get(c - from)).getMemSize();
        }
      }
      return size;
    }

    void flush() throws IOException {
      for (int c = from; c < to; c++) {
        if (plain[c] != null) {
          plain[c].flush();
        }
      }
      if (store != null) {
        store.flush();
      }
    }

    void release() {
      if (pages != null) {
        if (store != null) {
          store.close();
        }
        pages.close();
        store = null;
        pages = null;
      }
    }
  }

  private ArrowParquetWriter(List<Column> columns, AtomicTarget target, ParquetWriteOptions options, int threads)
      throws IOException {
    this.columns = List.copyOf(columns);
    this.target = target;
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
    this.file = new ParquetFileWriter(new LocalOutputFile(target.temp()), schema, ParquetFileWriter.Mode.OVERWRITE,
        options.rowGroupBytes(), 0, null, properties);
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
    this.pool = helpers == 0 ? null : Executors.newFixedThreadPool(helpers, r -> {
      Thread t = new Thread(r, "parity-parquet-writer");
      t.setDaemon(true);
      return t;
    });
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
      if (columns.get(c).type() == DataType.INT64 && nearlyAllDistinct(values[c], rows[c], from[c], count)) {
        plain[c] = new PlainLongPages(schema.getColumns().get(c), pageRows);
      }
    }
    long[] costs = new long[columns.size()];
    for (int c = 0; c < costs.length; c++) {
      costs[c] = plain[c] != null ? 1 : cost(columns.get(c).type());
    }
    int[] bounds = groupBounds(costs, workers == 1 ? 1 : workers * GROUPS_PER_THREAD);
    Group[] built = new Group[bounds.length - 1];
    for (int g = 0; g < built.length; g++) {
      built[g] = new Group(bounds[g], bounds[g + 1]);
    }
    this.groups = built;
    startGroup();
    for (int h = 0; h < Math.min(helpers, groups.length - 1); h++) {
      pool.execute(this::help);
    }
  }

  /**
   * Whether the batch's first {@value #DISTINCT_SAMPLE} non-null values number at least 1,024
   * and are more than 90 % distinct (a column of k values uniformly spread shows that when k is
   * above ~40k, beyond the ~16k values the 128 KiB dictionary limit holds).
   */
  static boolean nearlyAllDistinct(FieldVector values, int[] rows, int from, int count) {
    int n = values.getValueCount();
    if (n == 0 || rows == null && from + count > n || rows != null && from + count > rows.length) {
      return false; // empty, or out of range: writeColumn reports the latter
    }
    ByteBuffer validity = buffer(values.getValidityBuffer(), (n + 7) / 8);
    ByteBuffer data = buffer(values.getDataBuffer(), (long) n * 8);
    Set<Long> distinct = new HashSet<>();
    int present = 0;
    for (int i = 0; i < count && present < DISTINCT_SAMPLE; i++) {
      int r = rows == null ? from + i : rows[from + i];
      if (r >= 0 && r < n && isSet(validity, r)) {
        present++;
        distinct.add(data.getLong(r * 8));
      }
    }
    return present >= 1024 && distinct.size() * 10L > present * 9L;
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
    for (Group g : groups) {
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
        throw new DataWriteException("cannot start writing " + target.target(), e);
      }
    }
    // A row group never exceeds the row limit: a batch that would cross it is split there.
    for (int written = 0; written < count; ) {
      int part = (int) Math.min(count - written, options.rowGroupRowLimit() - groupRows);
      int[] start = from.clone();
      for (int c = 0; c < start.length; c++) {
        start[c] += written;
      }
      submit(g -> writeGroup(g, values, rows, start, part));
      groupRows += part;
      rowCount += part;
      written += part;
      // The previous part is done when this returns; this one may still be running.
      await(1);
      long buffered = 0;
      for (Group g : groups) {
        buffered += g.buffered;
      }
      if (groupRows >= options.rowGroupRowLimit() || buffered >= options.rowGroupBytes()) {
        flushGroup();
      }
    }
  }

  /** A step on one column range that may fail with an I/O error. */
  @FunctionalInterface
  private interface GroupStep {
    void run(Group group) throws IOException;
  }

  /** One step to run on every group; done when no group is left to run it. */
  private static final class Job {
    final GroupStep step;
    int groupsLeft;

    Job(GroupStep step, int groups) {
      this.step = step;
      this.groupsLeft = groups;
    }
  }

  /**
   * Queues {@code step} on every group. Each group runs its steps in order, one at a time, on
   * whichever thread (this one while it waits in {@link #await}, or a helper) takes it first.
   */
  private void submit(GroupStep step) {
    lock.lock();
    try {
      Job job = new Job(step, groups.length);
      for (Group g : groups) {
        g.queue.addLast(job);
      }
      inFlight.addLast(job);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs queued steps on this thread until at most {@code left} jobs are unfinished, then
   * returns; after a failure, waits until no group is running a step (so that no thread reads
   * the caller's vectors or a store closed afterwards) and throws it, later ones suppressed.
   * Not interruptible: the steps read the caller's vectors (the interrupt flag is restored).
   */
  private void await(int left) {
    boolean interrupted = Thread.interrupted();
    lock.lock();
    try {
      while (failure == null && inFlight.size() > left) {
        Group g = takeGroup();
        if (g != null) {
          runStep(g);
        } else {
          changed.awaitUninterruptibly();
        }
      }
      if (failure != null) {
        abandonSteps();
        done = true;
        throw failure;
      }
    } finally {
      lock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A group with a step waiting and no thread on it, now marked busy; null if none. Holds the lock. */
  private Group takeGroup() {
    for (int i = 0; i < groups.length; i++) {
      Group g = groups[(nextGroup + i) % groups.length];
      if (!g.busy && !g.queue.isEmpty()) {
        nextGroup = (nextGroup + i + 1) % groups.length;
        g.busy = true;
        return g;
      }
    }
    return null;
  }

  /** Runs the oldest step of {@code g} (taken by {@link #takeGroup}) without the lock, then records it. */
  private void runStep(Group g) {
    Job job = g.queue.peekFirst();
    RuntimeException failed = null;
    lock.unlock();
    try {
      job.step.run(g);
      g.buffered = g.bufferedSize();
    } catch (IOException | RuntimeException e) {
      failed = e instanceof RuntimeException r ? r : new DataWriteException("cannot write " + target.target(), e);
    } catch (Error e) {
      failed = new DataWriteException("cannot write " + target.target(), e);
    } finally {
      lock.lock();
    }
    g.busy = false;
    g.queue.pollFirst();
    if (failed != null) {
      if (failure == null) {
        failure = failed;
      } else {
        failure.addSuppressed(failed);
      }
    }
    if (--job.groupsLeft == 0) {
      inFlight.remove(job);
    }
    changed.signalAll();
  }

  /** After a failure: drops the steps not started and waits until no group is running one. Holds the lock. */
  private void abandonSteps() {
    for (Group g : groups) {
      while (g.queue.size() > (g.busy ? 1 : 0)) {
        g.queue.pollLast();
      }
    }
    while (anyBusy()) {
      changed.awaitUninterruptibly();
    }
    inFlight.clear();
  }

  private boolean anyBusy() {
    for (Group g : groups) {
      if (g.busy) {
        return true;
      }
    }
    return false;
  }

  /** What a helper thread does until the writer is finished: take waiting steps, or wait for some. */
  private void help() {
    lock.lock();
    try {
      while (!stopped) {
        Group g = failure == null ? takeGroup() : null;
        if (g != null) {
          runStep(g);
        } else {
          changed.awaitUninterruptibly();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code step} on every group, on this thread and the helpers, and waits for all of it. */
  private void forEachGroup(GroupStep step) {
    submit(step);
    await(0);
  }

  private void writeGroup(Group group, FieldVector[] values, int[][] rows, int[] from, int count) {
    for (int c = group.from; c < group.to; c++) {
      writeColumn(c, values[c], rows[c], from[c], count);
    }
    group.endRows(count);
  }

  /** Appends {@code count} values of one column, as described on {@link #writeBatch}. */
  private void writeColumn(int column, FieldVector values, int[] rows, int from, int count) {
    Column spec = columns.get(column);
    ColumnWriter w = writers[column];
    if (rows == null && from + count > values.getValueCount() || rows != null && from + count > rows.length) {
      throw new IndexOutOfBoundsException("rows " + from + ".." + (from + count) + " of column '" + spec.name()
          + "' out of range");
    }
    int maxDef = spec.nullable() ? 1 : 0;
    ByteBuffer validity = buffer(values.getValidityBuffer(), values.getValueCount() == 0 ? 0 : (values.getValueCount() + 7) / 8);
    // One small method per type: each stays monomorphic and compiles quickly (one large
    // switch was the slowest method for the JIT to compile, and one-shot runs pay for that).
    try {
      if (plain[column] != null) {
        plain[column].write(values.getValidityBuffer(), values.getDataBuffer(), values.getValueCount(), rows, from,
            count);
        return;
      }
      switch (spec.type()) {
        case INT64, TIMESTAMP -> writeLongs(spec, w, maxDef, validity,
            buffer(values.getDataBuffer(), (long) values.getValueCount() * 8), rows, from, count);
        case FLOAT64 -> writeDoubles(spec, w, maxDef, validity,
            buffer(values.getDataBuffer(), (long) values.getValueCount() * 8), rows, from, count);
        case BOOL -> writeBools(spec, w, maxDef, validity,
            buffer(values.getDataBuffer(), (values.getValueCount() + 7) / 8), rows, from, count);
        case STRING -> writeStrings(spec, w, maxDef, validity, (VarCharVector) values, rows, from, count);
        default -> throw new IllegalStateException("unknown type " + spec.type());
      }
    } catch (IOException | RuntimeException e) {
      // Runs on a writer thread: the failure reaches the caller (and closes the writer) through await.
      throw new DataWriteException("cannot write column '" + spec.name() + "' of " + target.target(), e);
    }
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
      forEachGroup(Group::flush);
      file.startBlock(groupRows);
      for (Group g : groups) {
        g.pages.flushToFileWriter(file);
      }
      file.endBlock();
    } catch (IOException | RuntimeException e) {
      done = true;
      throw new DataWriteException("cannot write a row group of " + target.target(), e);
    } finally {
      for (Group g : groups) {
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
      file.end(Map.of());
    } catch (IOException | RuntimeException e) {
      done = true;
      throw new DataWriteException("cannot finish " + target.target(), e);
    }
    done = true;
    committed = true;
    releaseAll();
    target.publish();
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
    DataWriteException failure = null;
    try {
      file.close();
    } catch (IOException | RuntimeException e) {
      failure = new DataWriteException("cannot close abandoned " + target.temp(), e);
    } finally {
      releaseAll();
    }
    try {
      target.discard();
    } catch (DataWriteException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Stops the helpers once no group is running a step, then releases every group's stores. */
  private void releaseAll() {
    lock.lock();
    try {
      if (groups != null) {
        abandonSteps();
      }
      stopped = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (pool != null) {
      pool.shutdown();
    }
    for (Group g : groups == null ? new Group[0] : groups) {
      g.release();
    }
  }

  /** Throws a step's failure not yet reported (a batch written ahead failed), or if the writer is done. */
  private void requireOpen() {
    if (!done && groups != null) {
      await(Integer.MAX_VALUE);
    }
    if (done) {
      throw new IllegalStateException("writer for " + target.target() + " is closed");
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

  /** As {@link #groupBounds(List, int)}, for the given cost of each column. */
  static int[] groupBounds(long[] costs, int groups) {
    int n = costs.length;
    long[] prefix = new long[n + 1];
    for (int c = 0; c < n; c++) {
      prefix[c + 1] = prefix[c] + costs[c];
    }
    int count = Math.max(1, Math.min(groups, n));
    List<Integer> bounds = new ArrayList<>(List.of(0));
    for (int g = 1; g < count; g++) {
      // The first column at which the running cost reaches g / count of the total.
      long goal = prefix[n] * g / count;
      int at = bounds.get(bounds.size() - 1) + 1;
      while (at < n && prefix[at] < goal) {
        at++;
      }
      if (at < n && at > bounds.get(bounds.size() - 1)) {
        bounds.add(at);
      }
    }
    bounds.add(n);
    return bounds.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void writeLongs(Column spec, ColumnWriter w, int maxDef, ByteBuffer validity, ByteBuffer data,
      int[] rows, int from, int count) {
    for (int i = 0; i < count; i++) {
      int r = rows == null ? from + i : rows[from + i];
      if (isSet(validity, r)) {
        w.write(data.getLong(r * 8), 0, maxDef);
      } else {
        writeNull(spec, w);
      }
    }
  }

  private static void writeDoubles(Column spec, ColumnWriter w, int maxDef, ByteBuffer validity, ByteBuffer data,
      int[] rows, int from, int count) {
    for (int i = 0; i < count; i++) {
      int r = rows == null ? from + i : rows[from + i];
      if (isSet(validity, r)) {
        w.write(data.getDouble(r * 8), 0, maxDef);
      } else {
        writeNull(spec, w);
      }
    }
  }

  private static void writeBools(Column spec, ColumnWriter w, int maxDef, ByteBuffer validity, ByteBuffer data,
      int[] rows, int from, int count) {
    for (int i = 0; i < count; i++) {
      int r = rows == null ? from + i : rows[from + i];
      if (isSet(validity, r)) {
        w.write(isSet(data, r), 0, maxDef);
      } else {
        writeNull(spec, w);
      }
    }
  }

  private static void writeStrings(Column spec, ColumnWriter w, int maxDef, ByteBuffer validity, VarCharVector v,
      int[] rows, int from, int count) {
    int n = v.getValueCount();
    ByteBuffer offsets = buffer(v.getOffsetBuffer(), n == 0 ? 0 : (long) (n + 1) * 4);
    int end = n == 0 ? 0 : offsets.getInt(n * 4);
    byte[] bytes = new byte[end];
    v.getDataBuffer().getBytes(0, bytes, 0, end);
    for (int i = 0; i < count; i++) {
      int r = rows == null ? from + i : rows[from + i];
      if (isSet(validity, r)) {
        int start = offsets.getInt(r * 4);
        w.write(Binary.fromConstantByteArray(bytes, start, offsets.getInt(r * 4 + 4) - start), 0, maxDef);
      } else {
        writeNull(spec, w);
      }
    }
  }

  private static void writeNull(Column spec, ColumnWriter w) {
    if (!spec.nullable()) {
      throw new IllegalArgumentException("null in required column '" + spec.name() + "'");
    }
    w.writeNull(0, 0);
  }

  private static boolean isSet(ByteBuffer bits, int i) {
    return (bits.get(i >>> 3) & (1 << (i & 7))) != 0;
  }

  /** A little-endian view of the first {@code length} bytes: cheap checked random access. */
  private static ByteBuffer buffer(org.apache.arrow.memory.ArrowBuf buf, long length) {
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Arrow buffer over 2 GiB: " + length + " bytes");
    }
    return buf.nioBuffer(0, (int) length).order(ByteOrder.LITTLE_ENDIAN);
  }
}
