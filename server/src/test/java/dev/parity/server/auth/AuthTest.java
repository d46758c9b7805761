package dev.parity.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens and roles: who may read, who may apply, and where the server refuses to run open. */
class AuthTest {
  private static final String READER = "reader-token-0123456789";
  private static final String WRITER = "writer-token-0123456789";
  private static final String ADMIN = "admin-token-0123456789";
  private static final String LOOKUP = """
      {"features": ["driver_hourly_stats:conv_rate"], "entities": {"driver_id": [1001]}}""";

  @TempDir static Path temp;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> config.getAuth().setTokens(List.of(
        new TokenConfig(READER, Set.of(Role.READER), "scorer"),
        new TokenConfig(WRITER, Set.of(Role.WRITER), null),
        new TokenConfig(ADMIN, Set.of(Role.ADMIN), "ops"))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void requestWithoutATokenIs401WithAChallenge() {
    HttpResponse<String> response = server.post("/get-online-features", LOOKUP);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"parity\"");
    assertThat(TestServer.json(response).get("message").asText()).contains("bearer token");
    assertThat(server.get("/registry/entities").statusCode()).isEqualTo(401);
    assertThat(server.get("/metrics").statusCode()).isEqualTo(401);
  }

  @Test
  void unknownTokenIs401() {
    assertThat(server.post("/get-online-features", LOOKUP, "not-a-configured-token").statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenMayComeAsTheAccessTokenParameterAsDropwizardsFilterTakesIt() {
    assertThat(server.post("/get-online-features?access_token=" + READER, LOOKUP).statusCode()).isEqualTo(200);
    assertThat(server.get("/registry/entities?access_token=" + READER).statusCode()).isEqualTo(200);
    assertThat(server.post("/get-online-features?access_token=nope", LOOKUP).statusCode()).isEqualTo(401);
    // Another scheme is no bearer token, wherever the request goes.
    HttpResponse<String> basic = server.send(HttpRequest.newBuilder(server.uri("/get-online-features"))
        .header("Authorization", "Basic " + READER).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(LOOKUP)).build());
    assertThat(basic.statusCode()).isEqualTo(401);
  }

  @Test
  void readerMayLookUpAndReadTheRegistryButNotApply() {
    assertThat(server.post("/get-online-features", LOOKUP, READER).statusCode()).isEqualTo(200);
    assertThat(server.get("/registry/plan", READER).statusCode()).isEqualTo(200);
    assertThat(server.get("/metrics", READER).statusCode()).isEqualTo(200);

    HttpResponse<String> apply = server.post("/registry/apply", "", READER);
    assertThat(apply.statusCode()).isEqualTo(403);
    assertThat(TestServer.json(apply).get("code").asInt()).isEqualTo(403);
  }

  @Test
  void writerMayReadAndMaterializeButNotApply() {
    assertThat(server.post("/get-online-features", LOOKUP, WRITER).statusCode()).isEqualTo(200);
    assertThat(server.post("/registry/apply", "", WRITER).statusCode()).isEqualTo(403);
    // Past authorization, the body is checked: 400, not 403.
    assertThat(server.post("/materialize", "{}", WRITER).statusCode()).isEqualTo(400);
    assertThat(server.post("/materialize", "{}", READER).statusCode()).isEqualTo(403);
  }

  @Test
  void adminMayApplyAndEverythingElse() {
    HttpResponse<String> apply = server.post("/registry/apply", "", ADMIN);
    assertThat(apply.statusCode()).as(apply.body()).isEqualTo(200);
    assertThat(server.post("/get-online-features", LOOKUP, ADMIN).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesToStartBeyondLoopbackWithoutTokensAndStartsThereWithThem() {
    assertThatThrownBy(() -> TestServer.start(temp.resolve("open"), TestRedis.standaloneUrl(), AuthTest::allInterfaces))
        .rootCause()
        .hasMessageContaining("refusing to start without authentication")
        .hasMessageContaining("0.0.0.0:0")
        .hasMessageContaining("auth.tokens");

    try (TestServer open = TestServer.start(temp.resolve("guarded"), TestRedis.standaloneUrl(), config -> {
      allInterfaces(config);
      config.getAuth().setTokens(List.of(new TokenConfig(READER, Set.of(Role.READER), null)));
    })) {
      assertThat(open.post("/get-online-features", LOOKUP).statusCode()).isEqualTo(401);
      assertThat(open.post("/get-online-features", LOOKUP, READER).statusCode()).isEqualTo(200);
    }
  }

  private static void allInterfaces(dev.parity.server.ParityConfiguration config) {
    DefaultServerFactory factory = (DefaultServerFactory) config.getServerFactory();
    ((HttpConnectorFactory) factory.getApplicationConnectors().get(0)).setBindHost(null);
  }
}
