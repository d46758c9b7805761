package dev.parity.registry.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.online.testing.MutableClock;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.RunStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes after the connection that ran the migrations has closed while the database stayed open:
 * what a pool that evicts connections leads to. H2 2.4.240 evaluated an {@code IN (...)} CHECK
 * constraint through the session that created it, so every insert into a checked table failed
 * with "The database has been closed" once that session had (h2database issues 4302 and 4308).
 */
class ConnectionTurnoverTest {
  private static final Instant T0 = Instant.parse("2026-01-31T00:00:00Z");

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(T0);

  /** An apply and a run of each kind: each writes rows that an {@code IN (...)} constraint checks. */
  private void writeThroughNewConnections(String url, long revision) {
    try (RegistryDatabase db = RegistryDatabase.open(url, FreshConnections::new)) {
      db.registry(clock).apply("p", revision, List.of(Definitions.entity("driver" + revision)));
      MetadataStore metadata = db.metadata(clock);
      long run = metadata.startMaterialization("p", Map.of("hourly", Definitions.sha256("v1")), T0, T0).id();
      long trigger = metadata.startTrigger("p", "nightly", "cron", "schedule").id();

      assertThat(db.registry(clock).revision("p")).isEqualTo(revision + 1);
      assertThat(metadata.materialization(run).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
      assertThat(metadata.triggerRun(trigger).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }
  }

  @Test
  void aFreshH2FileRegistryTakesWritesAfterTheMigratingConnectionClosed() {
    writeThroughNewConnections("jdbc:h2:file:" + dir.resolve("registry"), 0);
  }

  @Test
  void aFreshInMemoryRegistryTakesWritesAfterTheMigratingConnectionClosed() {
    writeThroughNewConnections("jdbc:h2:mem:parity-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", 0);
  }

  @Test
  void anH2FileRegistryOfAnEarlierVersionTakesWritesAfterTheMigratingConnectionClosed() {
    String url = "jdbc:h2:file:" + dir.resolve("registry");
    // As an earlier Parity left it; V3 then alters the checked run tables in the opening process.
    Flyway.configure(Migrations.class.getClassLoader()).dataSource(url, null, null)
        .locations("classpath:db/registry").table(Migrations.HISTORY_TABLE).target("2").load().migrate();

    writeThroughNewConnections(url, 0);
  }

  @Test
  void anH2FileRegistryTakesWritesAfterARestart() {
    String url = "jdbc:h2:file:" + dir.resolve("registry");
    RegistryDatabase.open(url, PooledConnections::new).close();

    // Nothing left to migrate: the constraints are read from the file by the reopened database.
    writeThroughNewConnections(url, 0);
    writeThroughNewConnections(url, 1);
  }
}
