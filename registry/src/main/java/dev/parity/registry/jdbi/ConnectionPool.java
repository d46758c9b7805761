package dev.parity.registry.jdbi;

import java.util.Map;
import javax.sql.DataSource;

/**
 * The connection pool a {@link RegistryDatabase} runs on. The registry does not pool connections
 * itself: the application supplies the pool (the server's is Dropwizard's, whose gauges it
 * publishes), so this module needs no application framework.
 *
 * <p>A pool may close and replace any of its connections at any time (idle trimming, a maximum
 * age, a failed validation), including the one that ran the migrations. This needs H2 2.5 or
 * later, which the build pins: H2 2.4.240 evaluated an {@code IN (...)} CHECK constraint through
 * the session that created it, so once that connection closed while the database stayed open,
 * every insert into a checked table failed with "The database has been closed".
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
