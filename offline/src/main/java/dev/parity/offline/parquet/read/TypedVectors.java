package dev.parity.offline.parquet.read;

import dev.parity.definitions.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** The Arrow vector of each Parity type: the classes the expression evaluator reads. */
final class TypedVectors {
  private TypedVectors() {}

  static FieldVector create(String name, DataType type, BufferAllocator allocator) {
    ArrowType arrow = switch (type) {
      case BOOL -> ArrowType.Bool.INSTANCE;
      case INT64 -> new ArrowType.Int(64, true);
      case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case STRING -> ArrowType.Utf8.INSTANCE;
      case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
    };
    return new Field(name, FieldType.nullable(arrow), null).createVector(allocator);
  }
}
