package dev.parity.registry.jdbi;

import dev.parity.registry.RegistryException;
import dev.parity.registry.RegistryUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
  /** The versions of the scripts in {@code db/registry}, in order (a test checks them against the scripts). */
  static final List<String> VERSIONS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");

  /**
   * One lock per database URL for the whole JVM: the database is a JVM-wide resource, so this is
   * the one place a static is the right scope.
   */
  private static final ConcurrentMap<String, Object> LOCKS = new ConcurrentHashMap<>();

  private Migrations() {}

  /** Applies pending migrations; returns how many ran. */
  static int migrate(DataSource dataSource, String maskedUrl) {
    if (isCurrent(dataSource)) {
      return 0;
    }
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

  /**
   * Whether the history records exactly {@link #VERSIONS}, all applied successfully. Every command
   * opens the registry, and Flyway on an up-to-date schema cost ~0.2 s of a 1 s {@code parity plan}
   * (loading its classes, scanning the class path, validating the history): such a registry skips
   * it. Anything else (no history yet, a failed script, fewer or more versions) goes to Flyway,
   * which migrates or reports as before. What the shortcut does not do is compare the checksums of
   * the applied scripts with the bundled ones: they ship inside the jar and do not change.
   */
  private static boolean isCurrent(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT \"version\", \"success\" FROM \"" + HISTORY_TABLE
            + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
      List<String> applied = new ArrayList<>();
      while (rows.next()) {
        if (!rows.getBoolean(2)) {
          return false;
        }
        applied.add(rows.getString(1));
      }
      return applied.equals(VERSIONS);
    } catch (SQLException noHistoryOrUnreachable) {
      // Flyway creates the history, or reports the failure with its own message.
      return false;
    }
  }
}
