package dev.parity.server.health;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import dev.parity.registry.RegistryUnavailableException;
import dev.parity.registry.jdbi.RegistryDatabase;

/** Healthy when the registry database answers a trivial query. */
public final class RegistryHealthCheck extends HealthCheck {
  private final RegistryDatabase database;

  public RegistryHealthCheck(RegistryDatabase database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  protected Result check() {
    try {
      database.checkReachable();
      return Result.healthy("registry %s reachable", database.url());
    } catch (RegistryUnavailableException e) {
      return Result.unhealthy(e.getMessage());
    }
  }
}
