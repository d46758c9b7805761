package dev.parity.offline.parquet.read;

import dev.parity.definitions.DataType;
import dev.parity.offline.CorruptInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads a flat Parquet file written by {@link dev.parity.offline.parquet.write.ParquetFiles} (the
 * engine's output: int64, double, boolean, UTF-8 strings, UTC microsecond timestamps) into Arrow
 * batches with parquet-java's column readers. The engine's scanner is internal to its package;
 * this reader handles only the types that writer produces.
 */
public final class ParquetBatchReader {
  private final Path file;

  public ParquetBatchReader(Path file) {
    this.file = file;
  }

  /** Delivers every row in batches of at most {@code batchRows}; the batch is reused after the call. */
  public void read(BufferAllocator allocator, int batchRows, Consumer<VectorSchemaRoot> sink) {
    try (ParquetFileReader reader = ParquetFooters.open(file)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      List<ColumnDescriptor> descriptors = schema.getColumns();
      List<FieldVector> vectors = new ArrayList<>();
      for (ColumnDescriptor d : descriptors) {
        vectors.add(TypedVectors.create(d.getPath()[0], typeOf(d.getPrimitiveType()), allocator));
      }
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      try (VectorSchemaRoot root = new VectorSchemaRoot(vectors)) {
        for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
          try {
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new NoConverter(), schema, createdBy);
            List<ColumnReader> readers = new ArrayList<>();
            descriptors.forEach(d -> readers.add(store.getColumnReader(d)));
            long rows = pages.getRowCount();
            for (long done = 0; done < rows; ) {
              int n = (int) Math.min(batchRows, rows - done);
              for (FieldVector v : root.getFieldVectors()) {
                v.setInitialCapacity(n);
                v.allocateNew();
              }
              for (int c = 0; c < descriptors.size(); c++) {
                read(readers.get(c), descriptors.get(c).getMaxDefinitionLevel(), root.getVector(c), n);
              }
              root.setRowCount(n);
              sink.accept(root);
              done += n;
            }
          } finally {
            pages.close(); // its chunk buffers go back to the read options' pool
          }
        }
      }
    } catch (IOException e) {
      throw CorruptInputException.parquet(file, "", e);
    }
  }

  private static DataType typeOf(PrimitiveType type) {
    DataType read = engineType(type);
    if (read == null) {
      throw new IllegalStateException("unexpected column type in engine output: " + type);
    }
    return read;
  }

  /** The Parity type the engine's writer stores as {@code type}, or null for a type it never writes. */
  public static DataType engineType(PrimitiveType type) {
    return switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> DataType.BOOL;
      case DOUBLE -> DataType.FLOAT64;
      case BINARY -> DataType.STRING;
      case INT64 -> type.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation
          ? DataType.TIMESTAMP : DataType.INT64;
      default -> null;
    };
  }

  private static void read(ColumnReader reader, int maxDef, FieldVector out, int n) {
    for (int i = 0; i < n; i++, reader.consume()) {
      if (reader.getCurrentDefinitionLevel() != maxDef) {
        out.setNull(i);
      } else if (out instanceof BigIntVector v) {
        v.setSafe(i, reader.getLong());
      } else if (out instanceof TimeStampMicroTZVector v) {
        v.setSafe(i, reader.getLong());
      } else if (out instanceof Float8Vector v) {
        v.setSafe(i, reader.getDouble());
      } else if (out instanceof BitVector v) {
        v.setSafe(i, reader.getBoolean() ? 1 : 0);
      } else {
        Binary binary = reader.getBinary();
        ByteBuffer bytes = binary.toByteBuffer();
        ((VarCharVector) out).setSafe(i, bytes, bytes.position(), bytes.remaining());
      }
    }
  }

  /** Values are pulled from the column readers directly, so converters are never called. */
  private static final class NoConverter extends GroupConverter {
    @Override
    public Converter getConverter(int fieldIndex) {
      return new PrimitiveConverter() {};
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }
}
