package dev.parity.registry.jdbi;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.Registry;
import dev.parity.registry.RegistryException;
import dev.parity.registry.RegistryUnavailableException;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.RunOwner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * An open registry database: a connection pool, the {@link Jdbi} on it, and an up-to-date schema.
 * Both the server and CLI commands (which run without a server) open one with {@link #open} and
 * close it when done; it hands out the {@link Registry} and {@link MetadataStore} on top of it.
 *
 * <p>Supported URLs: {@code jdbc:h2:file:PATH} (the embedded default
 * {@code jdbc:h2:file:./.parity/registry}, relative to the feature repository),
 * {@code jdbc:h2:mem:NAME;DB_CLOSE_DELAY=-1}, and {@code jdbc:postgresql://HOST:PORT/DB}.
 *
 * <p>Connections come from a {@link ConnectionPool} the caller supplies.
 *
 * <p>Thread-safe: the stores it returns may be shared by all threads.
 */
public final class RegistryDatabase implements AutoCloseable {
  private final String maskedUrl;
  private final ConnectionPool pool;
  private final Jdbi jdbi;

  private RegistryDatabase(String maskedUrl, ConnectionPool pool, Jdbi jdbi) {
    this.maskedUrl = maskedUrl;
    this.pool = pool;
    this.jdbi = jdbi;
  }

  /**
   * Opens {@code jdbcUrl} on a pool from {@code pools}, resolving a relative H2 path against the
   * working directory.
   */
  public static RegistryDatabase open(String jdbcUrl, ConnectionPool.Factory pools) {
    return open(jdbcUrl, Path.of(""), pools);
  }

  /**
   * Connects once to check the database is there, starts a pool from {@code pools}, and runs
   * pending schema migrations. A relative H2 path is resolved against {@code baseDirectory}.
   *
   * @throws RegistryUnavailableException if the URL is not supported or the database cannot be
   *     reached or opened; no pool is left behind and nothing else is attempted
   * @throws RegistryException if the schema cannot be migrated for another reason
   */
  public static RegistryDatabase open(String jdbcUrl, Path baseDirectory, ConnectionPool.Factory pools) {
    requireNonNull(jdbcUrl, "registry URL is null");
    requireNonNull(baseDirectory, "base directory is null");
    requireNonNull(pools, "connection pools is null");
    String trimmed = jdbcUrl.strip();
    RegistryUrls.Dialect dialect = RegistryUrls.dialect(trimmed);
    String url = RegistryUrls.resolve(trimmed, baseDirectory);
    String masked = RegistryUrls.mask(url);
    probe(url, dialect, masked);

    ConnectionPool pool = requireNonNull(pools.create(url, dialect.driverClass(), connectionProperties(dialect)),
        "connection pool is null");
    try {
      pool.start();
      Migrations.migrate(pool.dataSource(), masked);
      return new RegistryDatabase(masked, pool, configure(Jdbi.create(pool.dataSource())));
    } catch (Exception | Error e) {
      stopQuietly(pool, e);
      if (e instanceof RegistryException registryException) {
        throw registryException;
      }
      if (e instanceof Error error) {
        throw error;
      }
      throw new RegistryUnavailableException(masked, SqlFailures.reason(e), e);
    }
  }

  /** The URL this database was opened with, password masked. */
  public String url() {
    return maskedUrl;
  }

  /** The definition registry, with apply times taken from {@code clock}. */
  public Registry registry(Clock clock) {
    return new JdbiRegistry(jdbi, requireNonNull(clock, "clock is null"), maskedUrl);
  }

  /**
   * The ML metadata store, with timestamps taken from {@code clock}; the runs it starts record
   * this process as their owner.
   */
  public MetadataStore metadata(Clock clock) {
    return metadata(clock, RunOwner.current());
  }

  /** The metadata store, its runs recorded as {@code owner}'s (tests stand in for other processes). */
  MetadataStore metadata(Clock clock, RunOwner owner) {
    return new JdbiMetadataStore(jdbi, requireNonNull(clock, "clock is null"), maskedUrl,
        requireNonNull(owner, "owner is null"));
  }

  /**
   * Runs a trivial query, for health checks.
   *
   * @throws RegistryUnavailableException if the database does not answer
   */
  public void checkReachable() {
    try {
      jdbi.useHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
    } catch (RuntimeException e) {
      throw SqlFailures.isUnavailable(e) ? SqlFailures.translate(e, maskedUrl)
          : new RegistryUnavailableException(maskedUrl, SqlFailures.reason(e), e);
    }
  }

  /** Stops the pool. Idempotent. */
  @Override
  public void close() {
    try {
      pool.stop();
    } catch (Exception e) {
      throw new RegistryException("cannot close the registry pool of " + maskedUrl + ": " + SqlFailures.reason(e), e);
    }
  }

  Jdbi jdbi() {
    return jdbi;
  }

  javax.sql.DataSource dataSource() {
    return pool.dataSource();
  }

  private static void probe(String url, RegistryUrls.Dialect dialect, String masked) {
    Properties properties = new Properties();
    properties.putAll(connectionProperties(dialect));
    try {
      Driver driver = DriverManager.getDriver(url);
      try (Connection connection = driver.connect(url, properties)) {
        if (connection == null) {
          throw new RegistryUnavailableException(masked, "no JDBC driver accepts this URL", null);
        }
      }
    } catch (SQLException e) {
      throw new RegistryUnavailableException(masked, SqlFailures.reason(e), e);
    }
  }

  private static Map<String, String> connectionProperties(RegistryUrls.Dialect dialect) {
    // Seconds; an unreachable host fails within these instead of the OS's TCP timeout.
    return dialect == RegistryUrls.Dialect.POSTGRESQL ? Map.of("connectTimeout", "5", "loginTimeout", "10") : Map.of();
  }

  private static Jdbi configure(Jdbi jdbi) {
    // Instants go in and out as TIMESTAMP WITH TIME ZONE in UTC, whatever the JVM's zone.
    jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
      @Override
      protected Argument build(Instant value, ConfigRegistry config) {
        OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
        return (position, statement, context) -> statement.setObject(position, utc);
      }
    });
    jdbi.registerColumnMapper(Instant.class, (rows, column, context) -> {
      OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
      return value == null ? null : value.toInstant();
    });
    return jdbi;
  }

  private static void stopQuietly(ConnectionPool pool, Throwable failure) {
    try {
      pool.stop();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}
