package dev.parity.registry.jdbi;

import java.util.Map;
import javax.sql.DataSource;

/**
 * The connection pool a {@link RegistryDatabase} runs on. The registry does not pool connections
 * itself: the application supplies the pool (the server's is Dropwizard's, whose gauges it
 * publishes), so this module needs no application framework.
 *
 * <p>A pool must keep a connection open while it runs, as a pool with a minimum size does: an H2
 * database created by this process evaluates the CHECK constraints its migration created through
 * the migrating session, and once every connection of an in-memory database has closed, inserts
 * fail with "The database has been closed" (seen with a pool that kept none).
 */
public interface ConnectionPool {
  /** Where connections come from; usable between {@link #start} and {@link #stop}. */
  DataSource dataSource();

  /** Opens the pool's first connections. */
  void start() throws Exception;

  /** Closes every connection; called once, also when {@link #start} failed. */
  void stop() throws Exception;

  /** Creates the pool of a database being opened. */
  @FunctionalInterface
  interface Factory {
    /**
     * An unstarted pool of connections to {@code url}, opened by the JDBC driver
     * {@code driverClass} with the connection {@code properties} the registry needs (for
     * PostgreSQL, its connect and login timeouts).
     */
    ConnectionPool create(String url, String driverClass, Map<String, String> properties);
  }
}
