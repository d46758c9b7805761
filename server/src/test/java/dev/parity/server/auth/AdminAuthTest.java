package dev.parity.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.online.testing.TestRedis;
import dev.parity.server.ParityConfiguration;
import dev.parity.server.app.TestServer;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropwizard's admin pages (tasks, metrics, threads, health checks) behind the application's
 * tokens (issue 21), on both server layouts: {@code separate}, the default server with an admin
 * connector of its own, health checks closed; {@code single}, a {@code simple} server with the
 * admin pages under {@code /admin} on its one port, health checks open for load balancers.
 */
class AdminAuthTest {
  private static final String READER = "reader-token-0123456789";
  private static final String ADMIN = "admin-token-0123456789";

  @TempDir static Path temp;
  static TestServer separate;
  static TestServer single;

  @BeforeAll
  static void start() {
    separate = TestServer.start(temp.resolve("separate"), TestRedis.standaloneUrl(), AdminAuthTest::tokens);
    single = TestServer.start(temp.resolve("single"), TestRedis.standaloneUrl(), config -> {
      tokens(config);
      config.getAuth().setOpenHealthChecks(true);
      SimpleServerFactory simple = new SimpleServerFactory();
      HttpConnectorFactory connector = new HttpConnectorFactory();
      connector.setBindHost("127.0.0.1");
      connector.setPort(0);
      simple.setConnector(connector);
      config.setServerFactory(simple);
    });
  }

  @AfterAll
  static void stop() {
    try {
      separate.close();
    } finally {
      single.close();
    }
  }

  @Test
  void everyAdminPageNeedsATokenAnsweredAsJson401WithAChallenge() {
    for (String path : List.of("/", "/metrics", "/threads", "/healthcheck", "/ping")) {
      assertUnauthorized(separate.admin(path));
    }
    assertUnauthorized(separate.adminPost("/tasks/gc", null));
    assertUnauthorized(separate.adminPost("/tasks/log-level", null));
    assertUnauthorized(separate.admin("/metrics", "not-a-configured-token"));
    for (String path : List.of("/admin/metrics", "/admin/threads")) {
      assertUnauthorized(single.get(path));
    }
    assertUnauthorized(single.post("/admin/tasks/gc", ""));
  }

  @Test
  void readersMayReadMetricsThreadsAndHealthButNotRunTasks() {
    for (String path : List.of("/metrics", "/threads", "/healthcheck", "/ping")) {
      HttpResponse<String> response = separate.admin(path, READER);
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    }
    assertThat(separate.admin("/metrics?access_token=" + READER).statusCode()).isEqualTo(200);
    assertThat(single.get("/admin/metrics", READER).statusCode()).isEqualTo(200);
    assertThat(single.get("/admin/threads", READER).statusCode()).isEqualTo(200);

    assertForbidden(separate.adminPost("/tasks/gc", READER));
    assertForbidden(separate.adminPost("/tasks/log-level?logger=dev.parity&level=DEBUG", READER));
    assertForbidden(single.post("/admin/tasks/gc", "", READER));
  }

  @Test
  void adminsMayRunTasks() {
    HttpResponse<String> separateGc = separate.adminPost("/tasks/gc", ADMIN);
    HttpResponse<String> singleGc = single.post("/admin/tasks/gc", "", ADMIN);

    assertThat(separateGc.statusCode()).as(separateGc.body()).isEqualTo(200);
    assertThat(singleGc.statusCode()).as(singleGc.body()).isEqualTo(200);
  }

  @Test
  void openHealthChecksAnswerWithoutATokenAndNothingElseDoes() {
    assertThat(single.get("/admin/healthcheck").statusCode()).isEqualTo(200);
    assertThat(single.get("/admin/ping").statusCode()).isEqualTo(200);
    assertUnauthorized(single.get("/admin/metrics"));
    assertUnauthorized(single.get("/admin/healthcheck-and-more"));
    assertUnauthorized(single.post("/admin/tasks/gc", ""));
    // The application side is not opened by it.
    assertUnauthorized(single.get("/application/registry/entities"));
  }

  @Test
  void refusesToStartWithAnAdminConnectorBeyondLoopbackWithoutTokens() {
    assertThatThrownBy(() -> TestServer.start(temp.resolve("open"), TestRedis.standaloneUrl(), config ->
        ((HttpConnectorFactory) ((DefaultServerFactory) config.getServerFactory()).getAdminConnectors().get(0))
            .setBindHost("0.0.0.0")))
        .rootCause()
        .hasMessageContaining("refusing to start without authentication")
        .hasMessageContaining("0.0.0.0:0 (admin)")
        .hasMessageContaining("auth.tokens");
  }

  private static void tokens(ParityConfiguration config) {
    config.getAuth().setTokens(List.of(new TokenConfig(READER, Set.of(Role.READER), "scraper"),
        new TokenConfig(ADMIN, Set.of(Role.ADMIN), "ops")));
  }

  private static void assertUnauthorized(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(AuthFactory.CHALLENGE);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(TestServer.json(response).get("code").asInt()).isEqualTo(401);
    assertThat(TestServer.json(response).get("message").asText()).isEqualTo(AuthFactory.UNAUTHORIZED_MESSAGE);
  }

  private static void assertForbidden(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(403);
    assertThat(TestServer.json(response).get("code").asInt()).isEqualTo(403);
    assertThat(TestServer.json(response).get("message").asText()).isEqualTo(AuthFactory.FORBIDDEN_MESSAGE);
  }
}
