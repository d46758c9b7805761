package dev.parity.server.servinglog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads serving log files back with DuckDB, an independent Parquet reader. */
final class LogTables implements AutoCloseable {
  private final Connection connection;

  LogTables() {
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement st = connection.createStatement()) {
        st.execute("SET TimeZone = 'UTC'");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open DuckDB", e);
    }
  }

  /** The published (not hidden) Parquet files under {@code dir}, sorted by path. */
  static List<Path> files(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A scan of {@code file} (or glob) with the file's own columns only (no hive {@code date} column). */
  static String scan(Path file) {
    return "read_parquet('" + file.toAbsolutePath().toString().replace("'", "''") + "', hive_partitioning = false)";
  }

  /** Column name to DuckDB type of {@code file}, in file order. */
  Map<String, String> types(Path file) {
    Map<String, String> types = new LinkedHashMap<>();
    rows("DESCRIBE SELECT * FROM " + scan(file)).forEach(r -> types.put((String) r.get(0), (String) r.get(1)));
    return types;
  }

  /** Rows of {@code sql}, each as a list of JDBC objects. */
  List<List<Object>> rows(String sql) {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql, e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close DuckDB", e);
    }
  }
}
