package dev.parity.registry.jdbi;

import static dev.parity.registry.jdbi.Definitions.entity;
import static dev.parity.registry.jdbi.Definitions.source;
import static dev.parity.registry.jdbi.Definitions.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.online.testing.MutableClock;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.DefinitionRef;
import dev.parity.registry.Registry;
import dev.parity.registry.RegistryUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An apply that fails partway leaves the registry exactly as it was. */
class FailedApplyTest {
  private static final String PROJECT = "rides";
  private static final DefinitionRecord DRIVER = entity("driver");
  private static final DefinitionRecord STATS = source("driver_stats", "data/driver_stats");
  private static final List<DefinitionRecord> NEXT = List.of(DRIVER, STATS,
      view("a", "driver_stats", "driver", "x"), view("b", "driver_stats", "driver", "y"),
      view("c", "driver_stats", "driver", "z"));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-31T00:00:00Z"));

  /** Runs {@code action} just before the third change row of an apply is written. */
  private static SqlLogger beforeThirdChange(java.util.function.Consumer<StatementContext> action) {
    AtomicInteger changes = new AtomicInteger();
    return new SqlLogger() {
      @Override
      public void logBeforeExecution(StatementContext context) {
        if (context.getRenderedSql().startsWith("INSERT INTO registry_change") && changes.incrementAndGet() == 3) {
          action.accept(context);
        }
      }
    };
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void failureAfterSomeWritesRollsTheWholeApplyBack(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      registry.apply(PROJECT, 0, List.of(DRIVER, STATS));
      db.jdbi().setSqlLogger(beforeThirdChange(context -> {
        throw new IllegalStateException("simulated crash");
      }));

      assertThatThrownBy(() -> registry.apply(PROJECT, 1, NEXT)).hasMessageContaining("simulated crash");

      db.jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
      assertPreviousStateIntact(registry);
      assertThat(registry.apply(PROJECT, 1, NEXT).revision()).isEqualTo(2);
    }
  }

  @Test
  void connectionKilledMidApplyRollsBackAndReportsTheRegistryUnavailable() {
    String url = Backend.POSTGRESQL.freshUrl();
    try (RegistryDatabase db = RegistryDatabase.open(url, PooledConnections::new)) {
      Registry registry = db.registry(clock);
      registry.apply(PROJECT, 0, List.of(DRIVER, STATS));
      db.jdbi().setSqlLogger(beforeThirdChange(context -> terminateBackendOf(context, url)));

      assertThatThrownBy(() -> registry.apply(PROJECT, 1, NEXT))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageStartingWith("registry jdbc:postgresql://");

      db.jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
      assertPreviousStateIntact(registry);
    }
  }

  private static void assertPreviousStateIntact(Registry registry) {
    assertThat(registry.revision(PROJECT)).isEqualTo(1);
    assertThat(registry.current(PROJECT)).containsExactly(DRIVER, STATS);
    assertThat(registry.history(PROJECT, new DefinitionRef(DefinitionKind.FEATURE_VIEW, "a"))).isEmpty();
    assertThat(registry.atVersion(PROJECT, NEXT.get(2).ref(), NEXT.get(2).version())).isEmpty();
  }

  private static void terminateBackendOf(StatementContext context, String url) {
    try (Statement own = context.getConnection().createStatement();
        ResultSet pid = own.executeQuery("SELECT pg_backend_pid()");
        Connection admin = DriverManager.getConnection(url);
        Statement kill = admin.createStatement()) {
      pid.next();
      kill.execute("SELECT pg_terminate_backend(" + pid.getInt(1) + ")");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot kill the apply's connection", e);
    }
  }
}
