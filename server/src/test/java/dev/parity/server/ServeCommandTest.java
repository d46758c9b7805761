package dev.parity.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parity server -r DIR [--port P] [--admin-port A] [--config FILE]} run through Dropwizard's CLI. */
class ServeCommandTest {
  @TempDir Path temp;
  private final AtomicReference<Server> started = new AtomicReference<>();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void stopServer() throws Exception {
    Server server = started.get();
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void servesTheRepositoryGivenWithROnLoopbackPortsFromTheCommandLineWithoutAConfigFile() throws Exception {
    Path repo = TestServer.sampleRepository(temp.resolve("drivers"));
    int port = freePort();
    int adminPort = freePort();

    Optional<Throwable> failure = run(Map.of("PARITY_REDIS_URL", TestRedis.standaloneUrl()),
        "server", "-r", repo.toString(), "--port", Integer.toString(port), "--admin-port", Integer.toString(adminPort));

    assertThat(failure).as(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(started.get()).isNotNull();
    for (var connector : started.get().getConnectors()) {
      assertThat(((ServerConnector) connector).getHost()).isEqualTo("127.0.0.1");
    }
    HttpResponse<String> entities = get(port, "/registry/entities");
    assertThat(entities.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(entities).get("revision").asLong()).isZero();
    assertThat(get(adminPort, "/healthcheck").body()).contains("\"redis\"").contains("\"registry\"");
    HttpResponse<String> lookup = post(port, "/get-online-features",
        "{\"features\": [\"driver_hourly_stats:conv_rate\"], \"entities\": {\"driver_id\": [1001]}}");
    // Not applied yet: refused, and timed like any request.
    assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(409);
    assertThat(get(port, "/metrics").body())
        .contains("# TYPE parity_http_get_online_features_seconds histogram\n")
        .contains("parity_http_get_online_features_seconds_count 1\n");
    HttpResponse<String> adminMetrics = get(adminPort, "/metrics");
    assertThat(adminMetrics.statusCode()).isEqualTo(200);
    assertThat(adminMetrics.body()).contains("\"parity.http.get-online-features.seconds\"");
  }

  @Test
  void readsTheConfigFileAndTheCommandLineOverridesIt() throws Exception {
    Path repo = TestServer.sampleRepository(temp.resolve("drivers"));
    int port = freePort();
    int adminPort = freePort();
    Path config = temp.resolve("server.yml");
    Files.writeString(config, """
        repository: /no/such/directory
        redisUrl: %s
        maxEntityRows: 2
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 1}]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
        logging: {level: WARN}
        """.formatted(TestRedis.standaloneUrl(), adminPort));

    Optional<Throwable> failure = run(Map.of(), "server", "--config", config.toString(), "-r", repo.toString(),
        "--port", Integer.toString(port));

    assertThat(failure).as(err.toString(StandardCharsets.UTF_8)).isEmpty();
    HttpResponse<String> tooMany = post(port, "/get-online-features",
        "{\"features\": [\"driver_hourly_stats:conv_rate\"], \"entities\": {\"driver_id\": [1, 2, 3]}}");
    assertThat(tooMany.statusCode()).isEqualTo(413);
    assertThat(get(adminPort, "/healthcheck").statusCode()).isIn(200, 500);
  }

  @Test
  void refusesToStartOnAllInterfacesWithoutTokens() throws Exception {
    Path repo = TestServer.sampleRepository(temp.resolve("drivers"));
    Path config = temp.resolve("open.yml");
    Files.writeString(config, """
        server:
          applicationConnectors: [{type: http, port: 0}]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
        """);

    Optional<Throwable> failure = run(Map.of(), "server", "-r", repo.toString(), "--config", config.toString());

    assertThat(failure).isPresent();
    assertThat(started.get()).isNull();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to start without authentication")
        .contains("0.0.0.0:0");
  }

  @Test
  void refusesToStartWithTheAdminConnectorOnAllInterfacesWithoutTokens() throws Exception {
    Path repo = TestServer.sampleRepository(temp.resolve("drivers"));
    Path config = temp.resolve("open-admin.yml");
    Files.writeString(config, """
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
          adminConnectors: [{type: http, port: 0}]
        """);

    Optional<Throwable> failure = run(Map.of(), "server", "-r", repo.toString(), "--config", config.toString());

    assertThat(failure).isPresent();
    assertThat(started.get()).isNull();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to start without authentication")
        .contains("0.0.0.0:0 (admin)");
  }

  private Optional<Throwable> run(Map<String, String> environment, String... args) throws Exception {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    ParityApplication application = new ParityApplication(environment, Clock.systemUTC(), out, errors);
    Bootstrap<ParityConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    // As Application.run does: JVM metrics and the JMX reporter, a listener on the registry.
    bootstrap.registerMetrics();
    bootstrap.addCommand(new ServeCommand(application, started::set));
    return new Cli(new JarLocation(getClass()), bootstrap, out, errors).run(args);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(int port, String path, String json) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
