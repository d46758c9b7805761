package dev.parity.offline.validation;

import dev.parity.definitions.DataType;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.MissingInputException;
import dev.parity.offline.OfflineException;
import dev.parity.offline.parquet.read.PageDecoder;
import dev.parity.offline.parquet.read.ParquetDamage;
import dev.parity.offline.parquet.read.ChannelInputFile;
import dev.parity.offline.parquet.read.ParquetCodecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads flat Parquet files column by column with the engine's page decoder ({@link PageDecoder}):
 * a row group at a time, only the requested columns, in batches, so memory is one row group's
 * pages plus a batch.
 */
final class ParquetTableReader implements TableReader {

  @Override
  public Map<String, ColumnType> schema(Path file) {
    try (ParquetFileReader reader = open(file)) {
      Map<String, ColumnType> columns = new LinkedHashMap<>();
      for (Type field : reader.getFooter().getFileMetaData().getSchema().getFields()) {
        columns.put(field.getName(), typeOf(field));
      }
      return columns;
    } catch (IOException e) {
      throw CorruptInputException.parquet(file, "", e);
    }
  }

  @Override
  public void scan(Path file, List<ColumnValues> columns, BatchSink sink) {
    // Where the read is, for the error message of a corrupt file; and whether the failure came
    // from the sink, which is no fault of the file.
    int groups = 0;
    int group = -1;
    int column = -1;
    boolean delivering = false;
    MessageType projection = null;
    try (ParquetFileReader reader = open(file)) {
      MessageType full = reader.getFooter().getFileMetaData().getSchema();
      List<Type> fields = new ArrayList<>();
      for (ColumnValues values : columns) {
        if (!full.containsField(values.name)) {
          throw new IllegalStateException("column " + values.name + " is missing; the schema check should have caught it");
        }
        fields.add(full.getType(values.name));
      }
      projection = new MessageType(full.getName(), fields);
      reader.setRequestedSchema(projection);
      groups = reader.getRowGroups().size();
      int capacity = columns.isEmpty() ? 1 : columns.get(0).nulls.length;
      for (group = 0; group < groups; group++) {
        column = -1;
        PageReadStore pages = reader.readNextRowGroup();
        try {
          List<PageDecoder> decoders = new ArrayList<>();
          for (column = 0; column < columns.size(); column++) {
            ColumnDescriptor descriptor = projection.getColumns().get(column);
            decoders.add(new PageDecoder(descriptor, pages.getPageReader(descriptor)));
          }
          long rows = pages.getRowCount();
          for (long done = 0; done < rows; ) {
            int n = (int) Math.min(capacity, rows - done);
            for (column = 0; column < columns.size(); column++) {
              read(decoders.get(column), fields.get(column).asPrimitiveType(), columns.get(column), n);
            }
            delivering = true;
            sink.accept(n, columns);
            delivering = false;
            done += n;
          }
        } finally {
          pages.close(); // its chunk buffers go back to the read options' pool
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof OfflineException || delivering && e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      if (group >= 0 && group < groups && (column < 0 || column >= columns.size())) {
        column = ParquetDamage.failingColumn(new ChannelInputFile(file), projection, group);
      }
      String where = group < 0 || group >= groups ? ""
          : (column >= 0 && column < columns.size() ? "column '" + columns.get(column).name + "', " : "")
              + "row group " + (group + 1) + " of " + groups;
      throw CorruptInputException.parquet(file, where, e);
    }
  }

  private static ParquetFileReader open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new MissingInputException(file, "no such file");
    }
    try {
      return ParquetFileReader.open(new ChannelInputFile(file), ParquetCodecs.readOptions());
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static void read(PageDecoder decoder, PrimitiveType type, ColumnValues out, int n) throws IOException {
    long timestampScale = timestampScale(type);
    for (int i = 0; i < n; i++) {
      boolean isNull = !decoder.nextDefined();
      out.nulls[i] = isNull;
      if (isNull) {
        continue;
      }
      ValuesReader values = decoder.values();
      switch (type.getPrimitiveTypeName()) {
        case BOOLEAN:
          out.longs[i] = values.readBoolean() ? 1 : 0;
          break;
        case INT32:
          out.longs[i] = values.readInteger();
          break;
        case INT64:
          out.longs[i] = timestampScale > 0 ? values.readLong() * timestampScale : Math.floorDiv(values.readLong(), -timestampScale);
          break;
        case FLOAT:
          out.doubles[i] = values.readFloat();
          break;
        case DOUBLE:
          out.doubles[i] = values.readDouble();
          break;
        case BINARY:
          out.strings[i] = values.readBytes().toStringUsingUTF8();
          break;
        default:
          throw new IllegalStateException("unreadable column " + type + " passed the schema check");
      }
    }
  }

  /** Micros per stored unit (positive), or stored units per micro (negative, for nanoseconds). */
  private static long timestampScale(PrimitiveType type) {
    if (!(type.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation timestamp)) {
      return 1;
    }
    switch (timestamp.getUnit()) {
      case MILLIS:
        return 1_000;
      case NANOS:
        return -1_000;
      default:
        return 1;
    }
  }

  /** The type of a top-level field as Parity sees it. */
  static ColumnType typeOf(Type field) {
    if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
      return ColumnType.unreadable("nested");
    }
    PrimitiveType p = field.asPrimitiveType();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return ColumnType.readable("bool", DataType.BOOL);
      case FLOAT:
        return ColumnType.readable("float32", DataType.FLOAT64);
      case DOUBLE:
        return ColumnType.readable("float64", DataType.FLOAT64);
      case INT32:
      case INT64:
        return integer(p, logical);
      case BINARY:
        return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            ? ColumnType.readable("string", DataType.STRING)
            : ColumnType.unreadable(logical == null ? "binary" : logical.toString().toLowerCase(java.util.Locale.ROOT));
      case INT96:
        return ColumnType.unreadable("int96 timestamp");
      default:
        return ColumnType.unreadable(logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation ? "decimal" : "fixed_len_byte_array");
    }
  }

  private static ColumnType integer(PrimitiveType p, LogicalTypeAnnotation logical) {
    boolean int32 = p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32;
    if (logical == null) {
      return ColumnType.readable(int32 ? "int32" : "int64", DataType.INT64);
    }
    if (logical instanceof IntLogicalTypeAnnotation ints) {
      String name = (ints.isSigned() ? "int" : "uint") + ints.getBitWidth();
      return ints.isSigned() ? ColumnType.readable(name, DataType.INT64) : ColumnType.unreadable(name);
    }
    if (logical instanceof TimestampLogicalTypeAnnotation timestamp && !int32) {
      return timestamp.isAdjustedToUTC()
          ? ColumnType.readable("timestamp", DataType.TIMESTAMP)
          : ColumnType.unreadable("timestamp without time zone");
    }
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return ColumnType.unreadable("date");
    }
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
      return ColumnType.unreadable("decimal");
    }
    return ColumnType.unreadable(logical.toString().toLowerCase(java.util.Locale.ROOT));
  }
}
