package dev.parity.registry.jdbi;

import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;

/**
 * The connection pool of the registry's own tests: Tomcat's JDBC pool, the one under the
 * server's Dropwizard pool, set up the same way (one connection kept open, up to 16, each
 * validated when borrowed). {@link FreshConnections} stands for a pool that replaces its
 * connections.
 */
final class PooledConnections implements ConnectionPool {
  private final org.apache.tomcat.jdbc.pool.DataSource dataSource;

  PooledConnections(String url, String driverClass, Map<String, String> properties) {
    PoolProperties pool = new PoolProperties();
    pool.setUrl(url);
    pool.setDriverClassName(driverClass);
    Properties connection = new Properties();
    connection.putAll(properties);
    pool.setDbProperties(connection);
    pool.setInitialSize(1);
    pool.setMinIdle(1);
    pool.setMaxActive(16);
    pool.setMaxIdle(16);
    pool.setMaxWait(10_000);
    pool.setTestOnBorrow(true);
    pool.setValidationQuery("SELECT 1");
    pool.setValidationInterval(0);
    this.dataSource = new org.apache.tomcat.jdbc.pool.DataSource(pool);
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void start() throws Exception {
    dataSource.createPool();
  }

  @Override
  public void stop() {
    dataSource.close();
  }
}
