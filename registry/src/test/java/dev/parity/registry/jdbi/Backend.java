package dev.parity.registry.jdbi;

import dev.parity.registry.testing.TestPostgres;
import java.util.UUID;

/** The two databases every store test runs against, each handing out fresh, empty databases. */
enum Backend {
  H2 {
    @Override
    String freshUrl() {
      return "jdbc:h2:mem:parity-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
  },
  POSTGRESQL {
    @Override
    String freshUrl() {
      return TestPostgres.newDatabase();
    }
  };

  abstract String freshUrl();
}
