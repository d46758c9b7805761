package dev.parity.offline.engine;

import dev.parity.definitions.DataType;
import dev.parity.offline.parquet.read.BinaryBatch;
import dev.parity.offline.parquet.read.PageDecoder;
import dev.parity.offline.parquet.read.ParquetDamage;
import dev.parity.offline.parquet.read.ChannelInputFile;
import dev.parity.offline.parquet.read.ParquetCodecs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.OfflineException;

/**
 * Reads flat Parquet files page by page ({@link PageDecoder}) straight into Arrow vectors: only
 * the requested columns are decoded, and row groups whose timestamp statistics fall outside the
 * needed range are skipped. Performance core: one tight loop per column and batch.
 */
final class ParquetScanner implements TableScanner {
  private final ParquetSource source;

  /** Reads local files, each footer at each call. */
  ParquetScanner() {
    this(ParquetSource.local());
  }

  ParquetScanner(ParquetSource source) {
    this.source = source;
  }

  @Override
  public FileSchema schema(Path file) {
    try {
      return schema(file, source.footer(file));
    } catch (IOException e) {
      throw CorruptInputException.parquet(file, "", e);
    }
  }

  /** The columns of {@code file} as its footer declares them. */
  static FileSchema schema(Path file, ParquetMetadata footer) {
    FileSchema schema = new FileSchema(file);
    for (Type type : footer.getFileMetaData().getSchema().getFields()) {
      String problem = problem(type);
      if (problem == null) {
        schema.add(type.getName(), dataType(type.asPrimitiveType()));
      } else {
        schema.addProblem(type.getName(), problem);
      }
    }
    return schema;
  }

  @Override
  public long estimateRows(Path file) {
    try {
      long rows = 0;
      for (BlockMetaData block : source.footer(file).getBlocks()) {
        rows += block.getRowCount();
      }
      return rows;
    } catch (IOException e) {
      throw CorruptInputException.parquet(file, "", e);
    }
  }

  @Override
  public Optional<long[]> timeBounds(Path file, String column) {
    try {
      ParquetMetadata footer = source.footer(file);
      MessageType schema = footer.getFileMetaData().getSchema();
      if (!schema.containsField(column)
          || !(schema.getType(column).getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation)) {
        return Optional.empty();
      }
      long factor = unitToMicros(schema.getType(column));
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (BlockMetaData block : footer.getBlocks()) {
        ColumnChunkMetaData chunk = block.getColumns().stream()
            .filter(c -> c.getPath().toDotString().equals(column)).findFirst().orElse(null);
        if (chunk == null || block.getRowCount() == 0) {
          continue;
        }
        Statistics<?> stats = chunk.getStatistics();
        if (stats == null || stats.isEmpty() || !stats.hasNonNullValue()
            || !(stats.genericGetMin() instanceof Long)) {
          return Optional.empty();
        }
        min = Math.min(min, toMicros((Long) stats.genericGetMin(), factor));
        max = Math.max(max, toMicros((Long) stats.genericGetMax(), factor));
      }
      return Optional.of(new long[] {min, max});
    } catch (IOException e) {
      throw CorruptInputException.parquet(file, "", e);
    }
  }

  @Override
  public void scan(
      Path file,
      List<String> columns,
      TimeRange prune,
      BufferAllocator allocator,
      int batchRows,
      ScanBuffers buffers,
      BatchSink sink) {
    scan(file, -1, columns, prune, allocator, batchRows, buffers, sink);
  }

  /** Parts are row groups. */
  @Override
  public int parts(Path file) {
    try {
      return Math.max(1, source.footer(file).getBlocks().size());
    } catch (IOException e) {
      throw CorruptInputException.parquet(file, "", e);
    }
  }

  @Override
  public void scanPart(
      Path file,
      int part,
      List<String> columns,
      TimeRange prune,
      BufferAllocator allocator,
      int batchRows,
      ScanBuffers buffers,
      BatchSink sink) {
    if (part < 0) {
      throw new IllegalArgumentException("negative part " + part);
    }
    scan(file, part, columns, prune, allocator, batchRows, buffers, sink);
  }

  /** Every row group ({@code only < 0}) or row group {@code only}. */
  private void scan(
      Path file,
      int only,
      List<String> columns,
      TimeRange prune,
      BufferAllocator allocator,
      int batchRows,
      ScanBuffers buffers,
      BatchSink sink) {
    ParquetMetadata footer;
    try {
      footer = source.footer(file);
    } catch (IOException e) {
      throw CorruptInputException.parquet(file, "", e);
    }
    FileSchema schema = schema(file, footer);
    List<DataType> types = new ArrayList<>();
    columns.forEach(c -> types.add(schema.type(c)));
    // Where the read is, for the error message of a corrupt file; and whether the failure came
    // from the sink (spilling, a consumer), which is no fault of the file.
    int groups = 0;
    int group = -1;
    int column = -1;
    boolean delivering = false;
    MessageType projection = null;
    try (ParquetFileReader reader = open(file, footer);
        VectorSchemaRoot root = root(columns, types, allocator)) {
      MessageType full = reader.getFooter().getFileMetaData().getSchema();
      List<Type> fields = new ArrayList<>();
      columns.forEach(c -> fields.add(full.getType(c)));
      projection = new MessageType(full.getName(), fields);
      reader.setRequestedSchema(projection);
      long firstRow = 0;
      List<BlockMetaData> blocks = reader.getRowGroups();
      groups = blocks.size();
      for (int b = 0; b < blocks.size(); b++) {
        BlockMetaData block = blocks.get(b);
        if (only >= 0 && b != only || prune != null && outside(block, full, prune)) {
          reader.skipNextRowGroup();
          firstRow += block.getRowCount();
          continue;
        }
        group = b;
        column = -1;
        // Closed after use: its chunk buffers go back to the read options' pool.
        try (PageReadStore pages = reader.readNextRowGroup()) {
          List<PageDecoder> readers = new ArrayList<>();
          for (column = 0; column < columns.size(); column++) {
            ColumnDescriptor descriptor = projection.getColumnDescription(new String[] {columns.get(column)});
            // Every value is copied into the batch before the column's next page is read into the buffer.
            readers.add(new PageDecoder(descriptor, pages.getPageReader(descriptor), buffers.page(column)));
          }
          long rows = pages.getRowCount();
          for (long done = 0; done < rows; ) {
            int n = (int) Math.min(batchRows, rows - done);
            root.allocateNew();
            for (column = 0; column < columns.size(); column++) {
              ColumnDescriptor descriptor = projection.getColumns().get(column);
              read(readers.get(column), descriptor, root.getVector(column), n, buffers);
            }
            root.setRowCount(n);
            delivering = true;
            sink.accept(root, firstRow + done);
            delivering = false;
            done += n;
          }
          firstRow += rows;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof OfflineException || delivering && e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      if (group >= 0 && (column < 0 || column >= columns.size())) {
        column = ParquetDamage.failingColumn(new ChannelInputFile(file), projection, group);
      }
      String where = group < 0 ? ""
          : (column >= 0 ? "column '" + columns.get(column) + "', " : "") + "row group " + (group + 1) + " of " + groups;
      throw CorruptInputException.parquet(file, where, e);
    }
  }

  /** A reader of {@code file}'s data with its footer as already parsed. */
  private ParquetFileReader open(Path file, ParquetMetadata footer) throws IOException {
    InputFile input = source.input(file);
    try {
      // Shared options: their codecs are stateless, so readers on several threads may use them.
      return ParquetFileReader.open(input, footer, ParquetCodecs.readOptions(), input.newStream());
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static VectorSchemaRoot root(
      List<String> columns, List<DataType> types, BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      vectors.add(Vectors.create(columns.get(i), types.get(i), allocator));
    }
    return new VectorSchemaRoot(vectors);
  }

  private static boolean outside(BlockMetaData block, MessageType schema, TimeRange range) {
    long factor = unitToMicros(schema.getType(range.column()));
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      if (!chunk.getPath().toDotString().equals(range.column())) {
        continue;
      }
      Statistics<?> stats = chunk.getStatistics();
      if (stats == null || stats.isEmpty() || !stats.hasNonNullValue()) {
        return false;
      }
      long min = toMicros(((Number) stats.genericGetMin()).longValue(), factor);
      long max = toMicros(((Number) stats.genericGetMax()).longValue(), factor);
      return max < range.min() || min > range.max();
    }
    return false;
  }

  /** Positive: micros per unit; negative: units per micro (nanoseconds). */
  private static long unitToMicros(Type type) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (!(logical instanceof TimestampLogicalTypeAnnotation)) {
      return 1;
    }
    switch (((TimestampLogicalTypeAnnotation) logical).getUnit()) {
      case MILLIS:
        return 1000;
      case NANOS:
        return -1000;
      default:
        return 1;
    }
  }

  private static long toMicros(long value, long factor) {
    return factor > 0 ? value * factor : Math.floorDiv(value, -factor);
  }

  // One small method per physical type, each with its own loop: they compile quickly and stay
  // monomorphic (one method with every case was among the slowest for the JIT in one-shot runs).
  private static void read(PageDecoder reader, ColumnDescriptor descriptor, FieldVector out, int n, ScanBuffers buffers)
      throws IOException {
    PrimitiveType type = descriptor.getPrimitiveType();
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> readBooleans(reader, (BitVector) out, n);
      case INT32 -> readInts(reader, out, n, buffers);
      case INT64 -> readLongs(reader, out, n, unitToMicros(type), buffers);
      case FLOAT -> readFloats(reader, out, n, buffers);
      case DOUBLE -> readDoubles(reader, out, n, buffers);
      case BINARY -> readStrings(reader, (VarCharVector) out, n, buffers);
      default -> throw new IllegalStateException("unreadable type passed the schema check: " + type);
    }
  }

  private static void readBooleans(PageDecoder reader, BitVector v, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      if (reader.nextDefined()) {
        v.setSafe(i, reader.values().readBoolean() ? 1 : 0);
      } else {
        v.setNull(i);
      }
    }
  }

  // 64-bit values are decoded into primitive arrays and stored with two bulk copies (doubles as
  // their bits).
  private static void readInts(PageDecoder reader, FieldVector out, int n, ScanBuffers buffers) throws IOException {
    long[] values = buffers.values(n);
    byte[] valid = buffers.validity(n);
    for (int i = 0; i < n; i++) {
      if (reader.nextDefined()) {
        values[i] = reader.values().readInteger();
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      } else {
        values[i] = 0;
      }
    }
    Vectors.setLongs(out, values, valid, n);
  }

  private static void readLongs(PageDecoder reader, FieldVector out, int n, long factor, ScanBuffers buffers)
      throws IOException {
    long[] values = buffers.values(n);
    byte[] valid = buffers.validity(n);
    reader.readLongs(values, valid, 0, n);
    if (factor != 1) {
      for (int i = 0; i < n; i++) {
        values[i] = toMicros(values[i], factor);
      }
    }
    Vectors.setLongs(out, values, valid, n);
  }

  private static void readFloats(PageDecoder reader, FieldVector out, int n, ScanBuffers buffers) throws IOException {
    long[] values = buffers.values(n);
    byte[] valid = buffers.validity(n);
    for (int i = 0; i < n; i++) {
      if (reader.nextDefined()) {
        values[i] = Double.doubleToRawLongBits(reader.values().readFloat());
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      } else {
        values[i] = 0;
      }
    }
    Vectors.setLongs(out, values, valid, n);
  }

  private static void readDoubles(PageDecoder reader, FieldVector out, int n, ScanBuffers buffers) throws IOException {
    long[] values = buffers.values(n);
    byte[] valid = buffers.validity(n);
    reader.readLongs(values, valid, 0, n);
    Vectors.setLongs(out, values, valid, n);
  }

  private static void readStrings(PageDecoder reader, VarCharVector v, int n, ScanBuffers buffers)
      throws IOException {
    BinaryBatch batch = buffers.binaries();
    batch.reset(n);
    reader.readBinaries(batch, n);
    v.allocateNew(Math.max(batch.length(), 1), n);
    v.getDataBuffer().setBytes(0, batch.data(), 0, batch.length());
    Vectors.finishStrings(v, batch.offsets(), batch.validity(), n);
  }


  /** Why Parity cannot read {@code type}, or null if it can. */
  private static String problem(Type type) {
    if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
      return "nested and repeated columns are not supported";
    }
    PrimitiveType p = type.asPrimitiveType();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
      case FLOAT:
      case DOUBLE:
        return null;
      case INT32:
      case INT64:
        if (logical == null) {
          return null;
        }
        if (logical instanceof IntLogicalTypeAnnotation) {
          return ((IntLogicalTypeAnnotation) logical).isSigned() ? null : "unsigned integers are not supported";
        }
        if (logical instanceof TimestampLogicalTypeAnnotation && p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64) {
          return ((TimestampLogicalTypeAnnotation) logical).isAdjustedToUTC()
              ? null
              : "timestamp without time zone (isAdjustedToUTC=false); write it as a UTC timestamp";
        }
        return "type " + logical + " is not supported";
      case BINARY:
        return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            ? null
            : "binary column without STRING annotation is not supported";
      case INT96:
        return "INT96 timestamps (time zone unknown) are not supported; write a UTC INT64 timestamp";
      default:
        return "type " + p + " is not supported";
    }
  }

  private static DataType dataType(PrimitiveType p) {
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return DataType.BOOL;
      case FLOAT:
      case DOUBLE:
        return DataType.FLOAT64;
      case BINARY:
        return DataType.STRING;
      default:
        return p.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation
            ? DataType.TIMESTAMP
            : DataType.INT64;
    }
  }
}
