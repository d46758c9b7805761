package dev.parity.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.access.common.spi.IAccessEvent;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.ParityConfiguration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.FileAppenderFactory;
import java.nio.file.Files;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in request log: Dropwizard's, written for every request except successful lookups,
 * which the endpoint's metrics and the serving log describe.
 */
class LookupQuietRequestLogTest {
  private static final String LOOKUP = """
      {"features": ["driver_hourly_stats:conv_rate"], "entities": {"driver_id": [1001]}}""";

  @Test
  void theBuiltInConfigurationUsesIt() {
    assertThat(((DefaultServerFactory) new ParityConfiguration().getServerFactory()).getRequestLogFactory())
        .isInstanceOfSatisfying(LookupQuietRequestLogFactory.class, factory -> assertThat(factory.getAppenders())
            .singleElement().isInstanceOfSatisfying(ConsoleAppenderFactory.class,
                // Lookups are logged on selector threads: a full queue must not stall one.
                console -> assertThat(neverBlock(console)).isTrue()));
  }

  @Test
  void logsEveryRequestButSuccessfulLookups(@TempDir Path temp) throws Exception {
    Path log = temp.resolve("requests.log");
    try (TestServer server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(),
        config -> logTo(config, log))) {
      assertThat(server.post("/get-online-features", LOOKUP).statusCode()).isEqualTo(200);
      assertThat(server.post("/get-online-features", "{\"features\": [\"nope:x\"], \"entities\": {\"driver_id\": [1]}}")
          .statusCode()).isEqualTo(404);
      assertThat(server.get("/registry/entities?marker=last").statusCode()).isEqualTo(200);
    }

    // Stopping the server stops the request log, whose asynchronous appender writes what it holds.
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).filteredOn(line -> line.contains("POST /get-online-features")).hasSize(1)
        .allMatch(line -> line.contains("\" 404 "));
    assertThat(lines).anyMatch(line -> line.contains("GET /registry/entities?marker=last"));
  }

  /** The appender factory's {@code neverBlock} (it has a setter, no getter). */
  private static boolean neverBlock(AbstractAppenderFactory<?> appender) {
    try {
      Field field = AbstractAppenderFactory.class.getDeclaredField("neverBlock");
      field.setAccessible(true);
      return field.getBoolean(appender);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("Dropwizard's AbstractAppenderFactory has no neverBlock field any more", e);
    }
  }

  private static void logTo(ParityConfiguration config, Path log) {
    FileAppenderFactory<IAccessEvent> file = new FileAppenderFactory<>();
    file.setCurrentLogFilename(log.toString());
    file.setArchive(false);
    LookupQuietRequestLogFactory factory = new LookupQuietRequestLogFactory();
    factory.setAppenders(List.<AppenderFactory<IAccessEvent>>of(file));
    ((DefaultServerFactory) config.getServerFactory()).setRequestLogFactory(factory);
  }
}
