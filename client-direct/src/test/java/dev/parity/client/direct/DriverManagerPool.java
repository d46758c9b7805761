package dev.parity.client.direct;

import dev.parity.registry.jdbi.ConnectionPool;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The registry's connections straight from the driver, one kept open so an in-memory H2 database lives. */
final class DriverManagerPool implements ConnectionPool, DataSource {
  private final String url;
  private final Properties properties = new Properties();
  private Connection kept;

  DriverManagerPool(String url, String driverClass, Map<String, String> properties) {
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
    throw new SQLFeatureNotSupportedException();
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
