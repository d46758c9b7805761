package dev.parity.definitions.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.parity.definitions.DataType;

/** Checks and converts row inputs to the evaluator's representation (strings as UTF-8 bytes). */
final class RowValues {
  private RowValues() {}

  static Object toInternal(Object v, DataType type, String name) {
    if (v == null) {
      return null;
    }
    switch (type) {
      case BOOL:
        if (v instanceof Boolean) {
          return v;
        }
        break;
      case INT64:
        if (v instanceof Long) {
          return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
          return ((Number) v).longValue();
        }
        break;
      case TIMESTAMP:
        if (v instanceof Long) {
          return v;
        }
        break;
      case FLOAT64:
        if (v instanceof Double) {
          return v;
        }
        if (v instanceof Float) {
          return ((Float) v).doubleValue();
        }
        break;
      default:
        if (v instanceof String) {
          // Lone surrogates become '?', exactly as when the string is written to a VarCharVector.
          return ((String) v).getBytes(UTF_8);
        }
        break;
    }
    throw new IllegalArgumentException(
        "input '" + name + "' is " + type + " and needs a " + javaType(type) + ", got " + v.getClass().getSimpleName());
  }

  private static String javaType(DataType type) {
    switch (type) {
      case BOOL:
        return "Boolean";
      case FLOAT64:
        return "Double";
      case STRING:
        return "String";
      case TIMESTAMP:
        return "Long (UTC epoch microseconds)";
      default:
        return "Long";
    }
  }
}
