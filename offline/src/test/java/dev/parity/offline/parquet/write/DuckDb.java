package dev.parity.offline.parquet.write;

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

/** An in-memory DuckDB connection: the independent reader our files are checked against. */
public final class DuckDb implements AutoCloseable {
  private final Connection connection;

  private DuckDb(Connection connection) {
    this.connection = connection;
  }

  public static DuckDb open() {
    try {
      Connection connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement st = connection.createStatement()) {
        st.execute("SET TimeZone = 'UTC'");
      }
      return new DuckDb(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open DuckDB", e);
    }
  }

  /** A SQL string literal for {@code path}. */
  public static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  /** Every row of {@code sql}, each as a list of JDBC objects. */
  public List<List<Object>> rows(String sql) {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
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

  /** Runs a statement that returns no rows. */
  public void execute(String sql) {
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("statement failed: " + sql, e);
    }
  }

  /** The single number {@code sql} returns. */
  public long number(String sql) {
    List<List<Object>> rows = rows(sql);
    if (rows.size() != 1 || rows.get(0).size() != 1) {
      throw new IllegalStateException("expected one value from " + sql + ", got " + rows);
    }
    return ((Number) rows.get(0).get(0)).longValue();
  }

  /** Column name to DuckDB type name of {@code relation} (a table function call or query). */
  public Map<String, String> describe(String relation) {
    Map<String, String> types = new LinkedHashMap<>();
    for (List<Object> row : rows("DESCRIBE SELECT * FROM " + relation)) {
      types.put((String) row.get(0), (String) row.get(1));
    }
    return types;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
