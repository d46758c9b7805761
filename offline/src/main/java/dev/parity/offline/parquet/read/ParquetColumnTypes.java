package dev.parity.offline.parquet.read;

import dev.parity.definitions.SourceColumnType;
import java.util.Optional;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Maps a top-level Parquet field to the column type the definitions see. Types Parity cannot read
 * (dates, decimals, raw bytes, INT96, unsigned 32/64-bit integers, times, nested fields) map to a
 * type without {@link SourceColumnType#readsAs()}, so only a feature that uses such a column is an
 * error; an unused column of an odd type is fine.
 */
final class ParquetColumnTypes {
  private ParquetColumnTypes() {}

  /**
   * The column type of {@code field}, or empty for a timestamp that is not adjusted to UTC (a
   * local date-time), which no UTC instant can be read from.
   */
  static Optional<SourceColumnType> of(Type field) {
    if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
      return Optional.of(SourceColumnType.NESTED);
    }
    PrimitiveType primitive = field.asPrimitiveType();
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    if (logical instanceof DecimalLogicalTypeAnnotation) {
      return Optional.of(SourceColumnType.DECIMAL);
    }
    return switch (primitive.getPrimitiveTypeName()) {
      case BOOLEAN -> Optional.of(SourceColumnType.BOOL);
      case INT32 -> Optional.of(int32(logical));
      case INT64 -> int64(logical);
      case FLOAT -> Optional.of(SourceColumnType.FLOAT32);
      case DOUBLE -> Optional.of(SourceColumnType.FLOAT64);
      case BINARY, FIXED_LEN_BYTE_ARRAY -> Optional.of(isText(logical) ? SourceColumnType.STRING : SourceColumnType.BINARY);
      case INT96 -> Optional.of(SourceColumnType.BINARY);
    };
  }

  private static SourceColumnType int32(LogicalTypeAnnotation logical) {
    if (logical == null) {
      return SourceColumnType.INT32;
    }
    if (logical instanceof DateLogicalTypeAnnotation) {
      return SourceColumnType.DATE;
    }
    if (logical instanceof IntLogicalTypeAnnotation ints) {
      // Unsigned 8 and 16-bit values are stored zero-extended and fit a signed int32 read;
      // unsigned 32-bit values above 2^31 would read negative, so they are not readable.
      return switch (ints.getBitWidth()) {
        case 8 -> ints.isSigned() ? SourceColumnType.INT8 : SourceColumnType.INT16;
        case 16 -> ints.isSigned() ? SourceColumnType.INT16 : SourceColumnType.INT32;
        default -> ints.isSigned() ? SourceColumnType.INT32 : SourceColumnType.BINARY;
      };
    }
    // TIME(MILLIS) and anything newer: not a type Parity reads.
    return SourceColumnType.BINARY;
  }

  private static Optional<SourceColumnType> int64(LogicalTypeAnnotation logical) {
    if (logical == null) {
      return Optional.of(SourceColumnType.INT64);
    }
    if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
      return timestamp.isAdjustedToUTC() ? Optional.of(SourceColumnType.TIMESTAMP) : Optional.empty();
    }
    if (logical instanceof IntLogicalTypeAnnotation ints) {
      return Optional.of(ints.isSigned() ? SourceColumnType.INT64 : SourceColumnType.BINARY);
    }
    return Optional.of(SourceColumnType.BINARY);
  }

  private static boolean isText(LogicalTypeAnnotation logical) {
    return logical instanceof StringLogicalTypeAnnotation
        || logical instanceof EnumLogicalTypeAnnotation
        || logical instanceof JsonLogicalTypeAnnotation;
  }
}
