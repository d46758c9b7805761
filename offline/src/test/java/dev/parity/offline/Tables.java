package dev.parity.offline;

import dev.parity.definitions.DataType;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test tables: Parquet files written from rows, and DuckDB as the independent oracle. */
public final class Tables {
  public static final long MINUTE = 60_000_000L;
  public static final long T0 = 1_704_067_200_000_000L; // 2024-01-01T00:00Z in micros

  private Tables() {}

  /** Writes {@code rows} (Long, Double, String, Boolean, or Long micros for timestamps; null) to Parquet. */
  public static void parquet(Path file, List<Column> columns, List<Object[]> rows, int rowGroupRows) {
    try (RowWriter out = ParquetFiles.create(file, columns,
        ParquetWriteOptions.defaults().withRowGroupRowLimit(rowGroupRows))) {
      for (Object[] row : rows) {
        for (int c = 0; c < columns.size(); c++) {
          Object v = row[c];
          if (v == null) {
            out.setNull(c);
          } else if (columns.get(c).type() == DataType.TIMESTAMP) {
            out.setTimestampMicros(c, (Long) v);
          } else if (v instanceof Long) {
            out.setLong(c, (Long) v);
          } else if (v instanceof Double) {
            out.setDouble(c, (Double) v);
          } else if (v instanceof Boolean) {
            out.setBoolean(c, (Boolean) v);
          } else {
            out.setString(c, (String) v);
          }
        }
        out.endRow();
      }
      out.commit();
    }
  }

  public static List<Object[]> rows(Object[]... rows) {
    return List.of(rows);
  }

  public static Column col(String name, DataType type) {
    return Column.optional(name, type);
  }

  public static Instant instant(long micros) {
    return Instant.EPOCH.plusNanos(micros * 1000);
  }

  public static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  /** An in-memory DuckDB in UTC. */
  public static final class Duck implements AutoCloseable {
    private final Connection connection;

    public Duck() throws SQLException {
      connection = DriverManager.getConnection("jdbc:duckdb:");
      execute("SET TimeZone = 'UTC'");
      execute("SET threads = 1");
    }

    public void execute(String sql) throws SQLException {
      try (Statement st = connection.createStatement()) {
        st.execute(sql);
      }
    }

    public List<List<Object>> rows(String sql) throws SQLException {
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
      }
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
