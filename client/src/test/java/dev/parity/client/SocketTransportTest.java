package dev.parity.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.client.FaultyServer.Raw;
import dev.parity.client.testing.Await;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 of {@link HttpImplementation#SOCKETS} against a loopback server: what it sends, the
 * answer framings it reads, when it keeps a connection, and that a synchronous lookup needs no
 * thread but the caller's. Its behaviour under faults is {@link FaultInjectionTest}'s, run over
 * both implementations.
 */
class SocketTransportTest {
  private static final int LENGTH = Answers.ONE_ROW.getBytes(StandardCharsets.UTF_8).length;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable resource : closing) {
      resource.close();
    }
  }

  private FaultyServer server(FaultyServer.Action action) {
    FaultyServer server = new FaultyServer(request -> action);
    closing.add(server);
    return server;
  }

  private ParityClient client(String url, RecordingListener listener) {
    ParityClient client = ParityClient.builder().baseUrl(url).httpImplementation(HttpImplementation.SOCKETS)
        .bearerToken("t0ken").listener(listener).deadline(Duration.ofSeconds(5)).attemptTimeout(Duration.ofSeconds(5))
        .build();
    closing.add(client);
    return client;
  }

  private static double lookup(ParityClient client) {
    return client.features("driver_ranking_v1").entity("driver_id", 1001).get().row(0).getDouble("conv_rate");
  }

  @Test
  void theRequestCarriesTheBasePathTheTokenAndTheJsonBody() {
    AtomicReference<FaultyServer.Request> seen = new AtomicReference<>();
    FaultyServer server = new FaultyServer(request -> {
      seen.set(request);
      return FaultyServer.ok(Answers.ONE_ROW);
    });
    closing.add(server);
    ParityClient client = client(server.url() + "/api/", new RecordingListener());

    lookup(client);

    FaultyServer.Request request = seen.get();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/get-online-features");
    assertThat(request.header("host")).isEqualTo(server.url().substring("http://".length()));
    assertThat(request.header("authorization")).isEqualTo("Bearer t0ken");
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.header("content-length")).isEqualTo(Integer.toString(request.body().length()));
    assertThat(request.body()).contains("\"feature_service\"").contains("driver_ranking_v1").contains("1001");
  }

  @Test
  void keptConnectionsCarryTheFollowingLookups() {
    FaultyServer server = server(FaultyServer.ok(Answers.ONE_ROW));
    ParityClient client = client(server.url(), new RecordingListener());

    for (int i = 0; i < 20; i++) {
      assertThat(lookup(client)).isEqualTo(0.5);
    }

    assertThat(server.accepted()).isEqualTo(1);
  }

  @Test
  void anAnswerSayingConnectionCloseIsNotReusedAndItsConnectionIsClosed() {
    FaultyServer server = server(new Raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + LENGTH
        + "\r\nConnection: close\r\n\r\n" + Answers.ONE_ROW, false));
    ParityClient client = client(server.url(), new RecordingListener());

    for (int i = 0; i < 3; i++) {
      assertThat(lookup(client)).isEqualTo(0.5);
    }

    assertThat(server.accepted()).isEqualTo(3);
    Await.until(() -> server.openConnections() == 0, "the client closed each connection after its answer");
  }

  @Test
  void chunkedAnswersAreReadAndTheirConnectionKept() {
    String body = Answers.ONE_ROW;
    int third = body.length() / 3;
    String chunked = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(third) + ";name=value\r\n" + body.substring(0, third) + "\r\n"
        + Integer.toHexString(body.length() - third) + "\r\n" + body.substring(third) + "\r\n"
        + "0\r\nX-Trailer: ignored\r\n\r\n";
    FaultyServer server = server(new Raw(chunked, false));
    ParityClient client = client(server.url(), new RecordingListener());

    for (int i = 0; i < 3; i++) {
      assertThat(lookup(client)).isEqualTo(0.5);
    }

    assertThat(server.accepted()).isEqualTo(1);
  }

  @Test
  void anAnswerWithoutLengthIsReadToTheServersClose() {
    FaultyServer server = server(new Raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + Answers.ONE_ROW,
        true));
    ParityClient client = client(server.url(), new RecordingListener());

    assertThat(lookup(client)).isEqualTo(0.5);
    assertThat(lookup(client)).isEqualTo(0.5);

    assertThat(server.accepted()).isEqualTo(2);
  }

  @Test
  void aKeptConnectionTheServerClosedWhileIdleIsReplacedWithoutARetryOfTheCall() {
    // Each answer claims keep-alive, then the server closes the connection unannounced.
    FaultyServer server = server(new Raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + LENGTH + "\r\n\r\n" + Answers.ONE_ROW, true));
    RecordingListener listener = new RecordingListener();
    ParityClient client = client(server.url(), listener);

    for (int i = 0; i < 3; i++) {
      Await.until(() -> server.openConnections() == 0, "the server closed the previous connection");
      assertThat(lookup(client)).isEqualTo(0.5);
    }

    assertThat(listener.count("retry")).as("retries of the call").isZero();
    assertThat(listener.count("attempt")).isEqualTo(3);
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void anAnswerLargerThanTheBoundIsRefused() {
    FaultyServer server = server(new Raw("HTTP/1.1 200 OK\r\nContent-Length: " + (BoundedBody.MAX_BYTES + 1)
        + "\r\n\r\n{", true));
    ParityClient client = ParityClient.builder().baseUrl(server.url()).httpImplementation(HttpImplementation.SOCKETS)
        .retryPolicy(RetryPolicy.none()).build();
    closing.add(client);

    assertThatThrownBy(() -> lookup(client)).isInstanceOf(UnavailableException.class)
        .hasMessageContaining("larger than 64 MiB");
  }

  @Test
  void synchronousLookupsRunTheirExchangeOnTheCallersThread() {
    FaultyServer server = server(FaultyServer.ok(Answers.ONE_ROW));
    Set<Thread> answeredOn = ConcurrentHashMap.newKeySet();
    ParityClient client = ParityClient.builder().baseUrl(server.url()).httpImplementation(HttpImplementation.SOCKETS)
        .listener(new ParityClientListener() {
          @Override
          public void attemptEnded(String operation, URI endpoint, int attempt, boolean hedge, Duration elapsed,
              int httpStatus, ParityClientException failure) {
            answeredOn.add(Thread.currentThread());
          }
        }).build();
    closing.add(client);

    for (int i = 0; i < 50; i++) {
      assertThat(lookup(client)).isEqualTo(0.5);
    }

    // The attempt ends where its answer was read: no hand-off to a pool thread and back.
    assertThat(answeredOn).containsExactly(Thread.currentThread());
  }

  @Test
  void asynchronousLookupsRunTheirExchangeOnTheClientsThreads() {
    FaultyServer server = server(FaultyServer.ok(Answers.ONE_ROW));
    ParityClient client = client(server.url(), new RecordingListener());

    assertThat(client.features("driver_ranking_v1").entity("driver_id", 1001).getAsync().join().row(0)
        .getDouble("conv_rate")).isEqualTo(0.5);
  }
}
