package dev.parity.server.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.online.FeatureValue;
import dev.parity.online.serving.FeatureVector;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.ParityConfiguration;
import dev.parity.server.app.TestServer;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.Invocable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /get-online-features} over HTTP answers what {@link OnlineFeatureServer#get} answers,
 * in Feast's shape, and refuses what Jersey refused for it (405, 415) as JSON.
 */
class OnlineFeaturesHandlerTest {
  static TestServer server;
  static OnlineFeatureServer direct;

  @BeforeAll
  static void start() {
    server = TestServer.shared();
    direct = OnlineFeatureServer.create(server.definitions, server.store);
  }

  @Test
  void serviceLookupEqualsTheFeatureServersAnswerWithRequestDataAmongTheEntitiesAsFeastSendsIt() {
    HttpResponse<String> response = server.post("/get-online-features", """
        {"feature_service": "driver_ranking_v1",
         "entities": {"driver_id": [1001, 1002, 1003, 1004], "val_to_add": [1, 2, 3, 4]}}""");

    assertThat(response.statusCode()).isEqualTo(200);
    OnlineFeaturesRequest request = OnlineFeaturesRequest.forService("driver_ranking_v1",
        Map.of("driver_id", List.of(1001, 1002, 1003, 1004))).withRequestData(Map.of("val_to_add", List.of(1, 2, 3, 4)));
    assertSameAnswer(TestServer.json(response), direct.get(request));
  }

  @Test
  void statusesAndEventTimesFollowTheStoredRows() {
    JsonNode body = TestServer.json(server.post("/get-online-features", """
        {"features": ["driver_hourly_stats:conv_rate", "driver_hourly_stats:acc_rate"],
         "entities": {"driver_id": [1001, 1002, 1003, 1004]}}"""));

    assertThat(names(body)).containsExactly("driver_id", "conv_rate", "acc_rate");
    JsonNode acc = body.get("results").get(2);
    assertThat(texts(acc.get("statuses"))).containsExactly("PRESENT", "NOT_FOUND", "OUTSIDE_MAX_AGE", "NULL_VALUE");
    assertThat(acc.get("values").get(1).isNull()).isTrue();
    assertThat(Instant.parse(acc.get("event_timestamps").get(0).asText())).isEqualTo(server.now.minus(1, ChronoUnit.HOURS));
    assertThat(acc.get("event_timestamps").get(1).asText()).isEqualTo("1970-01-01T00:00:00Z");
    JsonNode keys = body.get("results").get(0);
    assertThat(keys.get("values").get(3).asLong()).isEqualTo(1004);
    assertThat(texts(keys.get("statuses"))).containsOnly("PRESENT");
  }

  @Test
  void featureListWithFullNamesAndExplicitRequestDataEqualsTheFeatureServersAnswer() {
    HttpResponse<String> response = server.post("/get-online-features", """
        {"features": ["driver_activity:trips_7d", "driver_adjusted:conv_plus_val", "customer_profile:segment"],
         "entities": {"driver_id": [1001, 1004], "customer_id": [501, 502]},
         "request_data": {"val_to_add": [10, 20]},
         "full_feature_names": true}""");

    assertThat(response.statusCode()).isEqualTo(200);
    OnlineFeaturesRequest request = OnlineFeaturesRequest.forFeatures(
            List.of("driver_activity:trips_7d", "driver_adjusted:conv_plus_val", "customer_profile:segment"),
            Map.of("driver_id", List.of(1001, 1004), "customer_id", List.of(501, 502)))
        .withRequestData(Map.of("val_to_add", List.of(10, 20))).withFullFeatureNames(true);
    JsonNode body = TestServer.json(response);
    assertSameAnswer(body, direct.get(request));
    assertThat(names(body)).contains("driver_activity__trips_7d", "driver_adjusted__conv_plus_val");
  }

  @Test
  void responseHasExactlyFeastsFieldsWithOneEntryPerEntityRowInEveryColumn() {
    JsonNode body = TestServer.json(server.post("/get-online-features", """
        {"feature_service": "trip_acceptance_v1",
         "entities": {"driver_id": [1001, 1002, 1003], "customer_id": [501, 501, 502], "val_to_add": [0, 0, 0]}}"""));

    assertThat(fieldNames(body)).containsExactly("metadata", "results");
    assertThat(fieldNames(body.get("metadata"))).containsExactly("feature_names");
    assertThat(body.get("results").size()).isEqualTo(body.get("metadata").get("feature_names").size());
    for (JsonNode column : body.get("results")) {
      assertThat(fieldNames(column)).containsExactly("values", "statuses", "event_timestamps");
      assertThat(column.get("values").size()).isEqualTo(3);
      assertThat(column.get("statuses").size()).isEqualTo(3);
      assertThat(column.get("event_timestamps").size()).isEqualTo(3);
    }
  }

  @Test
  void answerIsJsonWithItsLengthAndGzippedWhenTheClientAsks() throws Exception {
    String lookup = """
        {"feature_service": "driver_ranking_v1", "entities": {"driver_id": [1001, 1002, 1003, 1004], "val_to_add": [1, 2, 3, 4]}}""";
    HttpResponse<String> plain = server.post("/get-online-features", lookup);
    HttpResponse<byte[]> gzipped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/get-online-features"))
        .header("Content-Type", "application/json").header("Accept-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofString(lookup)).build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(plain.headers().firstValueAsLong("Content-Length")).hasValue(plain.body().getBytes(StandardCharsets.UTF_8).length);
    // Dropwizard's gzip handler wraps the lookup handler.
    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain.body());
    }
  }

  @Test
  void otherMethodsAre405NamingPost() {
    HttpResponse<String> response = server.get("/get-online-features");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertThat(TestServer.json(response).get("code").asInt()).isEqualTo(405);
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/get-online-features"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("driver_id=1001")).build());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(TestServer.json(response).get("message").asText()).contains("application/json");
  }

  @Test
  void aJsonMediaTypeWithParametersIsTaken() {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/get-online-features"))
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString("{\"features\": [\"driver_hourly_stats:conv_rate\"], \"entities\": {\"driver_id\": [1001]}}"))
        .build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void aBodyDeclaredLargerThanTheLimitIs413BeforeItIsRead() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("POST /get-online-features HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + (server.configuration().getMaxRequestSize().toBytes() + 1)
          + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

      assertThat(answer).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void followsJerseysRootPath(@TempDir Path temp) {
    try (TestServer rooted = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(),
        config -> ((DefaultServerFactory) config.getServerFactory()).setJerseyRootPath("/api/*"))) {
      String lookup = "{\"features\": [\"driver_hourly_stats:conv_rate\"], \"entities\": {\"driver_id\": [1001]}}";

      assertThat(rooted.post("/api/get-online-features", lookup).statusCode()).isEqualTo(200);
      // Outside Jersey's root nothing answers lookups (Jetty's default servlet: 404 or 405).
      assertThat(rooted.post("/get-online-features", lookup).statusCode()).isIn(404, 405);
    }
  }

  @Test
  void lookupsRunOnTheThreadThatReadThemAndTheApplicationConnectorsGetTwoSelectorsPerCore() {
    Server jetty = server.environment().getApplicationContext().getServer();

    // The handler tree as Jetty sees it: nothing on a lookup's way may block (the rest is handed
    // to pool threads), so Jetty runs requests on the selector that read them.
    assertThat(jetty.getInvocationType()).isEqualTo(Invocable.InvocationType.NON_BLOCKING);
    assertThat(applicationSelectors(server)).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
  }

  @Test
  void answersAreCountedByStatusClass() {
    MetricRegistry metrics = server.environment().metrics();
    long ok = metrics.meter("parity.http.get-online-features.2xx-responses").getCount();
    long refused = metrics.meter("parity.http.get-online-features.4xx-responses").getCount();

    server.post("/get-online-features", "{\"features\": [\"driver_hourly_stats:conv_rate\"], \"entities\": {\"driver_id\": [1001]}}");
    server.get("/get-online-features");
    server.post("/get-online-features", "{\"features\": [\"no_such_view:x\"], \"entities\": {\"driver_id\": [1001]}}");

    assertThat(metrics.meter("parity.http.get-online-features.2xx-responses").getCount()).isEqualTo(ok + 1);
    assertThat(metrics.meter("parity.http.get-online-features.4xx-responses").getCount()).isEqualTo(refused + 2);
  }

  @Test
  void aConfiguredSelectorCountIsKept(@TempDir Path temp) {
    try (TestServer one = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> applicationConnector(config)
        .setSelectorThreads(Optional.of(1)))) {
      assertThat(applicationSelectors(one)).isEqualTo(1);
    }
  }

  @Test
  void aBodyThatComesInPartsIsAwaitedOffTheSelectorThenAnswered(@TempDir Path temp) throws Exception {
    // One selector: had the lookup waited for the rest of its body on it, nothing would read it.
    try (TestServer one = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> applicationConnector(config)
        .setSelectorThreads(Optional.of(1)));
        Socket socket = new Socket("127.0.0.1", one.port())) {
      socket.setSoTimeout(10_000);
      socket.setTcpNoDelay(true);
      String body = "{\"features\": [\"driver_hourly_stats:conv_rate\"], \"entities\": {\"driver_id\": [1001, 1002]}}";
      OutputStream out = socket.getOutputStream();
      int half = body.length() / 2;
      out.write(("POST /get-online-features HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, half)).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      awaitInFlight(one); // the request is being handled; the rest of its body comes after
      out.write(body.substring(half).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readResponse(socket.getInputStream());

      assertThat(answer).startsWith("HTTP/1.1 200 ");
      assertSameAnswer(TestServer.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)),
          direct(one).get(OnlineFeaturesRequest.forFeatures(List.of("driver_hourly_stats:conv_rate"),
              Map.of("driver_id", List.of(1001, 1002)))));
    }
  }

  @Test
  void aLookupInFlightWhenTheServerStopsIsAnswered(@TempDir Path temp) throws Exception {
    TestServer stopping = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl());
    Server jetty = stopping.environment().getApplicationContext().getServer();
    Thread stop = new Thread(stopping::close);
    try (Socket socket = new Socket("127.0.0.1", stopping.port())) {
      socket.setSoTimeout(10_000);
      socket.setTcpNoDelay(true);
      String body = "{\"features\": [\"driver_hourly_stats:conv_rate\"], \"entities\": {\"driver_id\": [1001]}}";
      OutputStream out = socket.getOutputStream();
      out.write(("POST /get-online-features HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      awaitInFlight(stopping);
      CountDownLatch shutdownBegun = new CountDownLatch(1);
      jetty.addEventListener(new LifeCycle.Listener() {
        @Override
        public void lifeCycleStopping(LifeCycle event) {
          shutdownBegun.countDown();
        }
      });
      stop.start();
      // The rest of the body comes once the shutdown has begun.
      assertThat(shutdownBegun.await(10, TimeUnit.SECONDS)).as("server stopping").isTrue();
      out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

      assertThat(answer).isEqualTo("HTTP/1.1 200");
    } finally {
      if (stop.getState() == Thread.State.NEW) {
        stopping.close();
      } else {
        stop.join(60_000);
      }
    }
  }

  /** One response read from {@code in}: status line, headers and its Content-Length body. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int length = -1;
    for (int b; length != 0 && (b = in.read()) != -1; ) {
      bytes.write(b);
      if (length > 0) {
        length--;
      } else if (bytes.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        Matcher declared = Pattern.compile("(?i)content-length: *(\\d+)").matcher(bytes.toString(StandardCharsets.US_ASCII));
        length = declared.find() ? Integer.parseInt(declared.group(1)) : 0;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Waits until {@code server} counts a lookup begun and not answered. */
  private static void awaitInFlight(TestServer server) throws InterruptedException {
    com.codahale.metrics.Timer timer = server.environment().metrics().timer("parity.http.get-online-features");
    GracefulHandler graceful = server.environment().getApplicationContext().getServer().getDescendant(GracefulHandler.class);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (graceful.getCurrentRequestCount() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(graceful.getCurrentRequestCount()).as("requests in flight").isEqualTo(1);
    assertThat(timer.getCount()).as("lookups answered").isZero();
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /get-online-features HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) ' ');
      byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      try {
        for (int sent = 0; sent <= server.configuration().getMaxRequestSize().toBytes(); sent += chunk.length) {
          out.write(size);
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
      } catch (IOException closed) {
        // The server may answer and close before the client has sent everything.
      }
      String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

      assertThat(answer).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void adminRequestsRunOnTheAdminConnectorsOwnPool() {
    AtomicReference<String> thread = new AtomicReference<>();
    HealthCheckRegistry checks = server.environment().healthChecks();
    checks.register("thread", new HealthCheck() {
      @Override
      protected Result check() {
        thread.set(Thread.currentThread().getName());
        return Result.healthy();
      }
    });
    try {
      server.admin("/healthcheck");

      // Handed on by the lookup handler, which sees every connector's requests: to the admin
      // connectors' own pool, as Jetty would have, so that health checks never queue behind lookups.
      assertThat(thread.get()).startsWith("dw-admin");
    } finally {
      checks.unregister("thread");
    }
  }

  @Test
  void theAdminPortDoesNotAnswerLookups() {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort()
        + "/get-online-features")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
        "{\"features\": [\"driver_hourly_stats:conv_rate\"], \"entities\": {\"driver_id\": [1001]}}")).build());

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void onAServerOfOneConnectorTheLookupIsUnderTheApplicationContextPath(@TempDir Path temp) {
    try (TestServer simple = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> {
      SimpleServerFactory factory = new SimpleServerFactory();
      HttpConnectorFactory connector = (HttpConnectorFactory) factory.getConnector();
      connector.setPort(0);
      connector.setBindHost("127.0.0.1");
      factory.setRequestLogFactory(((DefaultServerFactory) config.getServerFactory()).getRequestLogFactory());
      config.setServerFactory(factory);
    })) {
      String lookup = "{\"features\": [\"driver_hourly_stats:conv_rate\"], \"entities\": {\"driver_id\": [1001]}}";
      HttpResponse<String> response = simple.post("/application/get-online-features", lookup);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertSameAnswer(TestServer.json(response), direct(simple).get(OnlineFeaturesRequest.forFeatures(
          List.of("driver_hourly_stats:conv_rate"), Map.of("driver_id", List.of(1001)))));
      assertThat(simple.post("/admin/get-online-features", lookup).statusCode()).isEqualTo(404);
    }
  }

  private static int applicationSelectors(TestServer server) {
    Server jetty = server.environment().getApplicationContext().getServer();
    return Arrays.stream(jetty.getConnectors()).filter(connector -> connector.getName().equals("application"))
        .map(connector -> ((ServerConnector) connector).getSelectorManager().getSelectorCount()).findFirst().orElseThrow();
  }

  private static HttpConnectorFactory applicationConnector(ParityConfiguration config) {
    return (HttpConnectorFactory) ((DefaultServerFactory) config.getServerFactory()).getApplicationConnectors().get(0);
  }

  private static OnlineFeatureServer direct(TestServer server) {
    return OnlineFeatureServer.create(server.definitions, server.store);
  }

  /** The HTTP body carries the same names, values, statuses and event times as {@code expected}. */
  static void assertSameAnswer(JsonNode body, OnlineFeaturesResponse expected) {
    assertThat(names(body)).isEqualTo(expected.featureNames());
    for (int c = 0; c < expected.results().size(); c++) {
      FeatureVector column = expected.results().get(c);
      JsonNode actual = body.get("results").get(c);
      String name = expected.featureNames().get(c);
      for (int r = 0; r < column.size(); r++) {
        FeatureValue value = column.entry(r);
        String where = name + " row " + r;
        assertThat(actual.get("statuses").get(r).asText()).as(where).isEqualTo(value.status().name());
        assertThat(jsonValue(actual.get("values").get(r))).as(where).isEqualTo(value.value());
        Instant time = Instant.parse(actual.get("event_timestamps").get(r).asText());
        long micros = value.eventTimeMicros() == FeatureValue.NO_EVENT_TIME ? 0 : value.eventTimeMicros();
        assertThat(ChronoUnit.MICROS.between(Instant.EPOCH, time)).as(where).isEqualTo(micros);
      }
    }
  }

  private static Object jsonValue(JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    return node.isBoolean() ? (Object) node.asBoolean() : node.asText();
  }

  static List<String> names(JsonNode body) {
    return texts(body.get("metadata").get("feature_names"));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

}
