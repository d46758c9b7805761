package dev.parity.server.core;

import dev.parity.definitions.RepositoryConfig;
import dev.parity.registry.testing.TestPostgres;
import java.util.Map;

/**
 * The registries the service tests run against: the repository's own default (an H2 file under
 * the repository directory) and a fresh PostgreSQL database set through {@code
 * PARITY_REGISTRY_URL}, overriding what {@code parity.yaml} says.
 */
enum RegistryBackend {
  H2 {
    @Override
    Map<String, String> environment() {
      return Map.of();
    }
  },
  POSTGRESQL {
    @Override
    Map<String, String> environment() {
      return Map.of(RepositoryConfig.REGISTRY_URL_ENV, TestPostgres.newDatabase());
    }
  };

  /** The environment a service gets: a new, empty registry each call. */
  abstract Map<String, String> environment();
}
