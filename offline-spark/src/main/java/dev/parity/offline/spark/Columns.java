package dev.parity.offline.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_micros;

import dev.parity.definitions.DataType;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.engine.ParquetTables;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Column;

/** Checks of a file's columns (as Parity reads them) and their conversion to the jobs' types. */
final class Columns {
  private Columns() {}

  /** The columns of {@code file} Parity can read, with their (widened) types. */
  static Map<String, DataType> of(Path file) {
    return ParquetTables.columns(file);
  }

  /** The type of {@code column}, failing if the file has no readable column of that name. */
  static DataType type(Path file, Map<String, DataType> columns, String column) {
    DataType type = columns.get(column);
    if (type == null) {
      throw new InputSchemaException(file, column, "no such column, or of a type Parity cannot read");
    }
    return type;
  }

  /** Fails unless {@code column} has type {@code expected}; {@code role} says what it is for. */
  static void require(Path file, Map<String, DataType> columns, String column, DataType expected, String role) {
    DataType actual = type(file, columns, column);
    if (actual != expected) {
      throw new InputSchemaException(file, column, role + " must be " + expected + " but the file has " + actual);
    }
  }

  /**
   * {@code name} as the jobs carry a value of {@code type}: integers widened to int64, floats to
   * float64 (exact, as the embedded engine widens), timestamps as UTC microseconds.
   */
  static Column internal(String name, DataType type) {
    Column c = col(quote(name));
    return switch (type) {
      case INT64 -> c.cast("bigint");
      case FLOAT64 -> c.cast("double");
      case TIMESTAMP -> unix_micros(c);
      default -> c;
    };
  }

  /** {@code name} quoted for Spark's column resolution (names may hold dots). */
  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
