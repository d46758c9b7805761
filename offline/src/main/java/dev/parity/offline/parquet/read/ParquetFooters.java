package dev.parity.offline.parquet.read;

import dev.parity.definitions.SourceColumnType;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.MissingInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** Column names and physical types of a Parquet file, from its footer only. */
public final class ParquetFooters {
  static final ParquetReadOptions READ_OPTIONS = ParquetCodecs.readOptions();

  private ParquetFooters() {}

  static ParquetFileReader open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new MissingInputException(file, "no such file");
    }
    try {
      return ParquetFileReader.open(new ChannelInputFile(file), READ_OPTIONS);
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Every top-level column in file order with its {@link SourceColumnType}. */
  public static Map<String, SourceColumnType> columns(Path file) {
    try (ParquetFileReader reader = open(file)) {
      Map<String, SourceColumnType> columns = new LinkedHashMap<>();
      for (Type type : reader.getFooter().getFileMetaData().getSchema().getFields()) {
        columns.put(type.getName(), typeOf(type));
      }
      return columns;
    } catch (IOException e) {
      throw CorruptInputException.parquet(file, "", e);
    }
  }

  private static SourceColumnType typeOf(Type type) {
    if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
      return SourceColumnType.NESTED;
    }
    PrimitiveType p = type.asPrimitiveType();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return SourceColumnType.BOOL;
      case FLOAT:
        return SourceColumnType.FLOAT32;
      case DOUBLE:
        return SourceColumnType.FLOAT64;
      case INT32:
        if (logical instanceof IntLogicalTypeAnnotation i && i.isSigned()) {
          return i.getBitWidth() == 8 ? SourceColumnType.INT8
              : i.getBitWidth() == 16 ? SourceColumnType.INT16 : SourceColumnType.INT32;
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return SourceColumnType.DATE;
        }
        return logical == null ? SourceColumnType.INT32 : SourceColumnType.BINARY;
      case INT64:
        if (logical instanceof TimestampLogicalTypeAnnotation t) {
          // A timestamp without time zone cannot be read as a UTC instant.
          return t.isAdjustedToUTC() ? SourceColumnType.TIMESTAMP : SourceColumnType.BINARY;
        }
        if (logical instanceof IntLogicalTypeAnnotation i) {
          return i.isSigned() ? SourceColumnType.INT64 : SourceColumnType.BINARY;
        }
        return logical == null ? SourceColumnType.INT64 : SourceColumnType.BINARY;
      case BINARY:
        return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            ? SourceColumnType.STRING
            : SourceColumnType.BINARY;
      default:
        return logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation
            ? SourceColumnType.DECIMAL
            : SourceColumnType.BINARY;
    }
  }
}
