package dev.parity.offline.features;

import dev.parity.definitions.DataType;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.EntityTable;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.OfflineException;
import dev.parity.offline.engine.EntityFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entity table of a request: its files, format and columns with types, known before the join
 * so request columns and name clashes are checked up front; and its fingerprint. The files and
 * footers are those of the {@link EntityFiles} it is given, which the engine reads on.
 */
final class EntityTableInput {
  private final EntityFiles files;
  /** Column name to type (Parquet: as read, after widening; empty if Parity cannot read it). */
  private final Map<String, Optional<DataType>> columns;

  /**
   * @param csvTypes types of CSV columns known from the definitions; other CSV columns are strings
   */
  EntityTableInput(EntityFiles files, Map<String, DataType> csvTypes) {
    this.files = files;
    this.columns = files.columns(csvTypes);
  }

  /** The opened table, for the engine. */
  EntityFiles files() {
    return files;
  }

  Path firstFile() {
    return files.files().get(0);
  }

  List<String> columns() {
    return List.copyOf(columns.keySet());
  }

  /** The type of a column, failing with {@code role} in the message if it is missing or unreadable. */
  DataType require(String column, DataType expected, String role) {
    Optional<DataType> type = columns.get(column);
    if (type == null) {
      throw new InputSchemaException(firstFile(), column, "missing from the entity table: " + role);
    }
    if (type.isEmpty() || type.get() != expected) {
      throw new InputSchemaException(firstFile(), column, role + " must be " + expected + " but the entity table has "
          + type.map(DataType::toString).orElse("a type Parity cannot read"));
    }
    return expected;
  }

  /** The engine's description of this table. */
  EntityTable engineTable() {
    if (!files.csv()) {
      return EntityTable.parquet(files.location().toString());
    }
    List<ColumnSpec> specs = new ArrayList<>();
    columns.forEach((name, type) -> specs.add(new ColumnSpec(name, type.orElseThrow())));
    return EntityTable.csv(files.location().toString(), specs);
  }

  /** Lower-case hex SHA-256 of the bytes of every file, concatenated in lexicographic path order. */
  String fingerprint() {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    for (Path file : files.files()) {
      try (InputStream in = Files.newInputStream(file)) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new OfflineException(file, "cannot read entity table: " + e.getMessage(), e);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
