package dev.parity.offline.features;

import dev.parity.definitions.DataType;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.csv.CsvRecords;
import dev.parity.offline.EntityTable;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.MissingInputException;
import dev.parity.offline.OfflineException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import dev.parity.offline.schema.SourceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.parity.offline.parquet.read.ParquetFooters;

/**
 * The entity table of a request: its files, format and columns with types, known before the join
 * so request columns and name clashes are checked up front; and its fingerprint.
 */
final class EntityTableInput {
  private final Path location;
  private final List<Path> files;
  private final boolean csv;
  /** Column name to type (Parquet: as read, after widening; empty if Parity cannot read it). */
  private final Map<String, Optional<DataType>> columns = new LinkedHashMap<>();

  /**
   * @param csvTypes types of CSV columns known from the definitions; other CSV columns are strings
   */
  EntityTableInput(Path location, Map<String, DataType> csvTypes) {
    this.location = location.toAbsolutePath().normalize();
    if (!Files.exists(this.location)) {
      throw new MissingInputException(this.location, "no such file or directory");
    }
    this.files = SourceFiles.list(this.location, ".");
    if (files.isEmpty()) {
      throw new MissingInputException(this.location, "directory holds no data files");
    }
    this.csv = files.get(0).getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    if (csv) {
      for (String name : csvHeader(files.get(0))) {
        columns.put(name, Optional.of(csvTypes.getOrDefault(name, DataType.STRING)));
      }
    } else {
      ParquetFooters.columns(files.get(0)).forEach((name, type) -> columns.put(name, type.readsAs()));
    }
  }

  Path firstFile() {
    return files.get(0);
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
    if (!csv) {
      return EntityTable.parquet(location.toString());
    }
    List<ColumnSpec> specs = new ArrayList<>();
    columns.forEach((name, type) -> specs.add(new ColumnSpec(name, type.orElseThrow())));
    return EntityTable.csv(location.toString(), specs);
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
    for (Path file : files) {
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

  /** The header line of a CSV file: comma separated, fields optionally in double quotes. */
  private static List<String> csvHeader(Path file) {
    List<String> header;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      in.mark(1);
      if (in.read() != '\uFEFF') {
        in.reset();
      }
      header = new CsvRecords(in, file).next();
    } catch (IOException e) {
      throw new CorruptInputException(file, "cannot read CSV header: " + e.getMessage(), e);
    }
    if (header == null || header.size() == 1 && header.get(0).isEmpty()) {
      throw new CorruptInputException(file, "empty CSV file (no header line)", null);
    }
    return header;
  }
}
