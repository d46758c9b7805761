package dev.parity.server.db;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the registry schema up to date with the versioned scripts in {@code db/registry}.
 *
 * <p>Flyway records applied scripts in {@code parity_schema_history} and runs each once. On
 * PostgreSQL it holds an advisory lock while migrating, so processes starting together wait for
 * each other instead of racing. An H2 file is opened by one process at a time (H2 locks the
 * file), but within one JVM several data sources of that URL share one database and Flyway's
 * history-table lock does not cover creating that table: two first migrations raced into
 * "table already exists" (seen in CI). Migrations of one database are therefore also serialised
 * within the JVM, by URL; the tests run migrations from concurrent data sources on both databases.
 */
final class Migrations {
  static final String HISTORY_TABLE = "parity_schema_history";

  /**
   * One lock per database URL for the whole JVM: the database is a JVM-wide resource, so this is
   * the one place a static is the right scope.
   */
  private static final ConcurrentMap<String, Object> LOCKS = new ConcurrentHashMap<>();

  private Migrations() {}

  /** Applies pending migrations; returns how many ran. */
  static int migrate(DataSource dataSource, String maskedUrl) {
    Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/registry")
        .table(HISTORY_TABLE)
        .failOnMissingLocations(true)
        .load();
    try {
      synchronized (LOCKS.computeIfAbsent(maskedUrl, url -> new Object())) {
        return flyway.migrate().migrationsExecuted;
      }
    } catch (FlywayException e) {
      if (SqlFailures.isUnavailable(e)) {
        throw new RegistryUnavailableException(maskedUrl, SqlFailures.reason(e), e);
      }
      throw new RegistryException("cannot migrate the registry schema of " + maskedUrl + ": "
          + SqlFailures.reason(e), e);
    }
  }
}
