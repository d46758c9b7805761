package dev.parity.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import dev.parity.registry.jdbi.RegistryDatabase;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RegistryPoolTest {
  @Test
  void aRegistryOnTheServersPoolPublishesThePoolGaugesUnderTheDocumentedName() {
    MetricRegistry metrics = new MetricRegistry();
    String url = "jdbc:h2:mem:pool-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (RegistryDatabase database = RegistryDatabase.open(url, RegistryPool.metered(metrics))) {
      database.checkReachable();
      assertThat(database.registry(Clock.systemUTC()).revision("rides")).isZero();
      assertThat(metrics.getGauges()).containsKeys(
          "io.dropwizard.db.ManagedPooledDataSource.registry.active",
          "io.dropwizard.db.ManagedPooledDataSource.registry.size");
    }
  }

  @Test
  void unmeteredPoolsOfTwoRegistriesOpenSideBySide() {
    String url = "jdbc:h2:mem:pool-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (RegistryDatabase first = RegistryDatabase.open(url, RegistryPool.unmetered());
        RegistryDatabase second = RegistryDatabase.open(url, RegistryPool.unmetered())) {
      first.checkReachable();
      second.checkReachable();
    }
  }
}
