package dev.parity.server.db;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import dev.parity.registry.jdbi.ConnectionPool;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.Duration;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The registry database's connection pool: Dropwizard's, so its gauges appear as
 * {@code io.dropwizard.db.ManagedPooledDataSource.registry.*} among the server's metrics
 * (docs/operations.md). Up to 16 connections, a 10 s wait for a free one, each validated when
 * borrowed.
 */
public final class RegistryPool implements ConnectionPool {
  private final ManagedDataSource dataSource;

  private RegistryPool(ManagedDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Pools whose metrics go to {@code metrics} under {@code registry}; one pool per registry. */
  public static ConnectionPool.Factory metered(MetricRegistry metrics) {
    requireNonNull(metrics, "metrics is null");
    return (url, driverClass, properties) -> new RegistryPool(
        factory(url, driverClass, properties).build(metrics, "registry"));
  }

  /** Pools whose metrics nobody reads (commands and jobs, which open a registry of their own). */
  public static ConnectionPool.Factory unmetered() {
    return (url, driverClass, properties) -> new RegistryPool(
        factory(url, driverClass, properties).build(new MetricRegistry(), "registry"));
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void start() throws Exception {
    dataSource.start();
  }

  @Override
  public void stop() throws Exception {
    dataSource.stop();
  }

  private static DataSourceFactory factory(String url, String driverClass, Map<String, String> properties) {
    DataSourceFactory factory = new DataSourceFactory();
    factory.setDriverClass(driverClass);
    factory.setUrl(url);
    factory.setInitialSize(1);
    factory.setMinSize(1);
    factory.setMaxSize(16);
    factory.setMaxWaitForConnection(Duration.seconds(10));
    // Validate on every borrow: a connection killed by a server restart is replaced instead of
    // failing the next request; one round trip is cheap next to an apply or a run record.
    factory.setCheckConnectionOnBorrow(true);
    factory.setValidationInterval(Duration.milliseconds(0));
    factory.setLogValidationErrors(false);
    if (!properties.isEmpty()) {
      factory.setProperties(properties);
    }
    return factory;
  }
}
