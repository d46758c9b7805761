package dev.parity.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Parquet file's rows as read by DuckDB, an independent reader: the tests compare what Parity
 * wrote with what another implementation of the format sees.
 */
public final class ParquetRows {
  private ParquetRows() {}

  /** Every row of {@code file} (a file or a glob DuckDB accepts), column name to value, in file order. */
  public static List<Map<String, Object>> read(Path file) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet result = duckdb.createStatement().executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          row.put(meta.getColumnName(c), result.getObject(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
