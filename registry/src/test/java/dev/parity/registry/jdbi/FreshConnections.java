package dev.parity.registry.jdbi;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pool at its worst for H2: every borrow opens a new connection and returning it closes it, as
 * after a pool evicted the connection that ran the migrations (idle trimming, maximum age, a failed
 * validation). One connection stays open from {@link #start} to {@link #stop}, as the connections
 * a pool keeps at its minimum size do, so the database itself stays open in between.
 */
public final class FreshConnections implements ConnectionPool, DataSource {
  private final String url;
  private final Properties properties = new Properties();
  private Connection kept;

  public FreshConnections(String url, String driverClass, Map<String, String> properties) {
    this.url = url;
    this.properties.putAll(properties);
  }

  @Override
  public DataSource dataSource() {
    return this;
  }

  @Override
  public void start() throws SQLException {
    kept = getConnection();
  }

  @Override
  public void stop() throws SQLException {
    if (kept != null) {
      kept.close();
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DriverManager.getConnection(url, properties);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the registry connects with the URL's credentials");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
