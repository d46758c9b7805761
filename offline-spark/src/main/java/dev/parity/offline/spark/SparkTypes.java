package dev.parity.offline.spark;

import dev.parity.definitions.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Parity's value types inside the Spark jobs. Timestamps travel as UTC microseconds ({@code
 * long}, as feature-definitions represents them) until the output is written, so that every
 * comparison and every expression input is the embedded engine's.
 */
final class SparkTypes {
  private SparkTypes() {}

  /** The Spark type carrying {@code type} inside the jobs (a timestamp is a long). */
  static org.apache.spark.sql.types.DataType internal(DataType type) {
    return switch (type) {
      case BOOL -> DataTypes.BooleanType;
      case INT64, TIMESTAMP -> DataTypes.LongType;
      case FLOAT64 -> DataTypes.DoubleType;
      case STRING -> DataTypes.StringType;
    };
  }

  /** The Spark type a Parquet column of {@code type} is read as (a timestamp is a timestamp). */
  static org.apache.spark.sql.types.DataType read(DataType type) {
    return type == DataType.TIMESTAMP ? DataTypes.TimestampType : internal(type);
  }
}
