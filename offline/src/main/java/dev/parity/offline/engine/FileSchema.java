package dev.parity.offline.engine;

import dev.parity.definitions.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.parity.offline.InputSchemaException;

/**
 * The columns of one input file as Parity types (after widening), plus the columns whose type
 * Parity cannot read, with the reason; those fail only when a run needs them.
 */
final class FileSchema {
  private final Path file;
  private final Map<String, DataType> types = new LinkedHashMap<>();
  private final Map<String, String> problems = new LinkedHashMap<>();
  private final List<String> columns = new ArrayList<>();

  FileSchema(Path file) {
    this.file = file;
  }

  void add(String column, DataType type) {
    if (!columns.contains(column)) {
      columns.add(column);
    }
    types.put(column, type);
  }

  void addProblem(String column, String problem) {
    if (!columns.contains(column)) {
      columns.add(column);
    }
    problems.put(column, problem);
  }

  Path file() {
    return file;
  }

  /** Every column in file order, failing on the first unreadable one. */
  List<String> allColumns() {
    if (!problems.isEmpty()) {
      Map.Entry<String, String> first = problems.entrySet().iterator().next();
      throw new InputSchemaException(file, first.getKey(), first.getValue());
    }
    return List.copyOf(types.keySet());
  }

  /** Every column in file order, readable or not. */
  List<String> columns() {
    return List.copyOf(columns);
  }

  /** The type of {@code column} if Parity can read it; empty if it cannot, or there is no such column. */
  Optional<DataType> readable(String column) {
    return Optional.ofNullable(types.get(column));
  }

  /** The columns Parity can read, in file order. */
  List<String> readableColumns() {
    return List.copyOf(types.keySet());
  }

  /** The type of {@code column}, failing if it is missing or unreadable. */
  DataType type(String column) {
    DataType type = types.get(column);
    if (type != null) {
      return type;
    }
    String problem = problems.get(column);
    throw new InputSchemaException(file, column, problem != null ? problem : "no such column");
  }

  /** Fails unless {@code column} has type {@code expected}; {@code role} says what it is for. */
  void require(String column, DataType expected, String role) {
    DataType actual = type(column);
    if (actual != expected) {
      throw new InputSchemaException(
          file, column, role + " must be " + expected + " but the file has " + actual);
    }
  }
}
