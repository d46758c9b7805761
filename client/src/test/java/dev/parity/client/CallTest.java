package dev.parity.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The call logic — retries, backoff, budget, hedging, breakers, deadlines, the connection bound —
 * against a transport the test answers and a clock the test moves: nothing sleeps.
 */
class CallTest {
  private static final String A = "http://a.test:6566";
  private static final String B = "http://b.test:6566";
  private final ManualTime time = new ManualTime();
  private final ScriptedTransport transport = new ScriptedTransport();
  private final RecordingListener listener = new RecordingListener();

  private ParityClient client(UnaryOperator<ParityClientBuilder> configure) {
    ParityClientBuilder builder = ParityClient.builder().baseUrl(A).transport(transport).scheduler(time).ticker(time)
        .random(() -> 0).executor(Runnable::run).listener(listener);
    return configure.apply(builder).build();
  }

  private static CompletableFuture<OnlineFeatures> lookup(ParityClient client) {
    return client.features("driver_ranking_v1").entity("driver_id", 1001).getAsync();
  }

  private static Throwable failure(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    return future.handle((value, failure) -> failure instanceof CompletionException c ? c.getCause() : failure).join();
  }

  @Test
  void retriesAnUnavailableLookupAfterItsBackoffAndAnswersWithTheRetry() {
    ParityClient client = client(b -> b);
    CompletableFuture<OnlineFeatures> answer = lookup(client);
    transport.last().reply(503, Answers.error(503, "Redis is unavailable"));

    time.advanceMillis(9);
    assertThat(transport.count()).isEqualTo(1);
    time.advanceMillis(1);
    assertThat(transport.count()).isEqualTo(2);
    transport.last().reply(200, Answers.ONE_ROW);

    assertThat(answer.join().row(0).getDouble("conv_rate")).isEqualTo(0.5);
    assertThat(listener.events()).contains("retry lookup 1 after 10 ms", "call lookup 2 ok");
  }

  @Test
  void theBackoffIsJitteredBetweenHalfAndAllOfItsExponentialStep() {
    ParityClient client = client(b -> b.random(() -> 0.999).retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(4)));
    lookup(client);
    for (int ms = 0; ms < 100 && transport.count() < 4; ms++) {
      if (!transport.last().answer().isDone()) {
        transport.last().reply(503, "{}");
      }
      time.advanceMillis(1);
    }
    // Steps 10, 20, 40 ms; with the largest jitter each wait is just over half its step.
    assertThat(listener.events()).contains("retry lookup 1 after 5 ms", "retry lookup 2 after 10 ms",
        "retry lookup 3 after 20 ms");
  }

  @Test
  void neverRetriesWhatTheServerRefusedAndSaysWhich() {
    ParityClient client = client(b -> b);
    transport.answerAll(sent -> {
      String body = sent.body();
      int status = body.contains("1001") ? 400 : body.contains("1002") ? 401 : 404;
      sent.reply(status, Answers.error(status, "refused " + status));
      return true;
    });

    for (Object[] expected : new Object[][] {{1001, BadRequestException.class}, {1002, UnauthorizedException.class},
        {1003, NotFoundException.class}}) {
      CompletableFuture<OnlineFeatures> answer = client.features("s").entity("driver_id", expected[0]).getAsync();
      time.advanceMillis(1000);
      Throwable failure = failure(answer);
      assertThat(failure).isInstanceOf((Class<?>) expected[1]).hasMessageContaining("refused");
    }
    assertThat(transport.count()).isEqualTo(3);
    assertThat(client.circuitStates()).containsValue(CircuitState.CLOSED);
  }

  @Test
  void anAttemptThatTimesOutIsStoppedAndRetried() {
    ParityClient client = client(b -> b.attemptTimeout(Duration.ofMillis(300)));
    CompletableFuture<OnlineFeatures> answer = lookup(client);

    time.advanceMillis(300);
    assertThat(transport.sent().get(0).answer()).isCancelled();
    time.advanceMillis(10);
    assertThat(transport.count()).isEqualTo(2);
    transport.last().reply(200, Answers.ONE_ROW);

    assertThat(answer).isCompleted();
    assertThat(listener.events()).anyMatch(e -> e.startsWith("attempt lookup " + A + " #1 0 UnavailableException"));
  }

  @Test
  void theDeadlineEndsTheCallAndCancelsItsAttempt() {
    ParityClient client = client(b -> b.deadline(Duration.ofMillis(200)).attemptTimeout(Duration.ofSeconds(1)));
    CompletableFuture<OnlineFeatures> answer = lookup(client);

    time.advanceMillis(199);
    assertThat(answer).isNotDone();
    time.advanceMillis(1);

    assertThat(failure(answer)).isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("no answer within the deadline of 200 ms (1 attempt)");
    assertThat(transport.last().answer()).isCancelled();
    assertThat(time.pending()).isZero();
  }

  @Test
  void aFailureThatArrivesAfterTheDeadlineBeforeItsLateTimerIsTheDeadline() {
    ParityClient client = client(b -> b.deadline(Duration.ofMillis(200)));
    CompletableFuture<OnlineFeatures> answer = lookup(client);

    time.jump(Duration.ofMillis(250));
    transport.last().answer().completeExceptionally(new java.net.http.HttpTimeoutException("request timed out"));

    assertThat(failure(answer)).isInstanceOf(DeadlineExceededException.class)
        .hasCauseInstanceOf(UnavailableException.class).hasMessageContaining("HttpTimeoutException");
  }

  @Test
  void aRetryThatCouldNotStartBeforeTheDeadlineIsNotMadeAndTheCallEndsAtOnce() {
    ParityClient client = client(b -> b.deadline(Duration.ofMillis(50))
        .retryPolicy(RetryPolicy.DEFAULT.withBackoff(Duration.ofMillis(60), Duration.ofMillis(60), 1)));
    CompletableFuture<OnlineFeatures> answer = lookup(client);

    transport.last().reply(503, Answers.error(503, "Redis is unavailable"));

    assertThat(failure(answer)).isInstanceOf(UnavailableException.class).hasMessageContaining("HTTP 503: Redis");
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void retriesDuringAnOutageStayWithinTheBudget() {
    ParityClient client = client(b -> b.circuitBreaker(CircuitBreakerPolicy.disabled())
        .retryPolicy(RetryPolicy.DEFAULT.withBudget(0.1, 10)));
    transport.answerAll(sent -> sent.answer().complete(new HttpAnswer(503, new byte[0])));
    int calls = 1000;

    for (int i = 0; i < calls; i++) {
      CompletableFuture<OnlineFeatures> answer = lookup(client);
      time.advanceMillis(1000);
      assertThat(failure(answer)).isInstanceOf(UnavailableException.class);
    }

    int retries = transport.count() - calls;
    // At most a tenth of the calls plus the burst: without the budget it would be 2 per call.
    assertThat(retries).isBetween(100, 110);
    assertThat(listener.count("budget lookup")).isGreaterThan(800);
  }

  @Test
  void aWriteIsRetriedOnlyWhenTheServerCannotHaveActed() {
    ParityClient client = client(b -> b);
    CompletableFuture<PushResult> offline = client.push("driver_stats").column("driver_id", List.of(1))
        .to(PushTarget.OFFLINE).sendAsync();
    transport.last().reply(503, Answers.error(503, "Redis is unavailable"));
    time.advanceMillis(1000);
    assertThat(failure(offline)).isInstanceOf(UnavailableException.class);
    assertThat(transport.count()).isEqualTo(1);

    CompletableFuture<PushResult> refused = client.push("driver_stats").column("driver_id", List.of(1))
        .to(PushTarget.OFFLINE).sendAsync();
    transport.last().refuse();
    time.advanceMillis(20);
    assertThat(transport.count()).isEqualTo(3);
    transport.last().reply(200, "{\"source\":\"driver_stats\",\"rows\":1,\"to\":\"offline\",\"views\":[],"
        + "\"not_updated\":[],\"offline_file\":\"data/x.parquet\",\"text\":\"1 row\"}");
    assertThat(refused.join().offlineFile()).contains("data/x.parquet");

    CompletableFuture<PushResult> online = client.push("driver_stats").column("driver_id", List.of(1)).sendAsync();
    transport.last().reply(503, "{}");
    time.advanceMillis(20);
    assertThat(transport.count()).isEqualTo(5);
    assertThat(online).isNotDone();
  }

  @Test
  void aHedgeGoesToTheOtherBaseUrlAfterItsDelayAndTheFirstAnswerWins() {
    ParityClient client = client(b -> b.baseUrl(B).hedgeAfter(Duration.ofMillis(50)));
    CompletableFuture<OnlineFeatures> answer = lookup(client);
    URI first = transport.last().endpoint();

    time.advanceMillis(49);
    assertThat(transport.count()).isEqualTo(1);
    time.advanceMillis(1);
    assertThat(transport.count()).isEqualTo(2);
    assertThat(transport.last().endpoint()).isNotEqualTo(first);
    transport.last().reply(200, Answers.ONE_ROW);

    assertThat(answer.join().rowCount()).isEqualTo(1);
    assertThat(transport.sent().get(0).answer()).isCancelled();
    assertThat(listener.events()).contains("hedge lookup " + transport.last().endpoint(), "call lookup 2 ok");
    // The loser is no failure of its base URL.
    assertThat(client.circuitStates().values()).containsOnly(CircuitState.CLOSED);
  }

  @Test
  void noHedgeIsSentWhenTheAnswerComesInTime() {
    ParityClient client = client(b -> b.hedgeAfter(Duration.ofMillis(50)));
    CompletableFuture<OnlineFeatures> answer = lookup(client);
    time.advanceMillis(49);
    transport.last().reply(200, Answers.ONE_ROW);
    time.advanceMillis(100);

    assertThat(answer).isCompleted();
    assertThat(transport.count()).isEqualTo(1);
    assertThat(time.pending()).isZero();
  }

  @Test
  void anOpenCircuitFailsFastThenLetsOneProbeThroughWhoseSuccessClosesIt() {
    ParityClient client = client(b -> b.retryPolicy(RetryPolicy.none())
        .circuitBreaker(new CircuitBreakerPolicy(3, Duration.ofSeconds(2))));
    for (int i = 0; i < 3; i++) {
      CompletableFuture<OnlineFeatures> answer = lookup(client);
      transport.last().reply(502, "Bad gateway");
      assertThat(failure(answer)).isInstanceOf(UnavailableException.class);
    }
    assertThat(client.circuitStates()).containsEntry(URI.create(A), CircuitState.OPEN);

    CompletableFuture<OnlineFeatures> fast = lookup(client);
    assertThat(failure(fast)).isInstanceOf(CircuitOpenException.class).hasMessageContaining("is open")
        .hasCauseInstanceOf(UnavailableException.class);
    assertThat(transport.count()).isEqualTo(3);

    time.advance(Duration.ofSeconds(2));
    CompletableFuture<OnlineFeatures> probe = lookup(client);
    assertThat(transport.count()).isEqualTo(4);
    assertThat(client.circuitStates()).containsEntry(URI.create(A), CircuitState.HALF_OPEN);
    assertThat(failure(lookup(client))).isInstanceOf(CircuitOpenException.class);
    transport.last().reply(200, Answers.ONE_ROW);

    assertThat(probe).isCompleted();
    assertThat(client.circuitStates()).containsEntry(URI.create(A), CircuitState.CLOSED);
    assertThat(listener.events()).filteredOn(e -> e.startsWith("circuit")).containsExactly(
        "circuit " + A + " CLOSED -> OPEN", "circuit " + A + " OPEN -> HALF_OPEN", "circuit " + A + " HALF_OPEN -> CLOSED");
  }

  @Test
  void aFailedProbeOpensTheCircuitForAnotherPeriod() {
    ParityClient client = client(b -> b.retryPolicy(RetryPolicy.none())
        .circuitBreaker(new CircuitBreakerPolicy(1, Duration.ofSeconds(2))));
    lookup(client);
    transport.last().refuse();
    time.advance(Duration.ofSeconds(2));

    lookup(client);
    transport.last().reply(503, "{}");

    assertThat(client.circuitStates()).containsEntry(URI.create(A), CircuitState.OPEN);
    time.advanceMillis(1999);
    assertThat(failure(lookup(client))).isInstanceOf(CircuitOpenException.class);
    time.advanceMillis(1);
    lookup(client);
    assertThat(transport.count()).isEqualTo(3);
  }

  @Test
  void callsGoToAnotherBaseUrlWhileOnesCircuitIsOpen() {
    ParityClient client = client(b -> b.baseUrl(B).circuitBreaker(new CircuitBreakerPolicy(1, Duration.ofSeconds(5))));
    transport.answerAll(sent -> sent.endpoint().toString().equals(A) ? sent.answer().complete(new HttpAnswer(503,
        new byte[0])) : sent.answer().complete(new HttpAnswer(200, Answers.ONE_ROW.getBytes())));

    for (int i = 0; i < 10; i++) {
      CompletableFuture<OnlineFeatures> answer = lookup(client);
      time.advanceMillis(20);
      assertThat(answer).isCompleted();
    }

    assertThat(client.circuitStates()).containsEntry(URI.create(A), CircuitState.OPEN)
        .containsEntry(URI.create(B), CircuitState.CLOSED);
    assertThat(transport.sent()).filteredOn(s -> s.endpoint().toString().equals(A)).hasSize(1);
  }

  @Test
  void attemptsOverTheConnectionBoundWaitForAFreeOneWithinTheirDeadline() {
    ParityClient client = client(b -> b.maxConnections(1).attemptTimeout(Duration.ofSeconds(1)));
    CompletableFuture<OnlineFeatures> first = lookup(client);
    CompletableFuture<OnlineFeatures> second = lookup(client);
    assertThat(transport.count()).isEqualTo(1);

    transport.last().reply(200, Answers.ONE_ROW);
    assertThat(first).isCompleted();
    assertThat(transport.count()).isEqualTo(2);

    CompletableFuture<OnlineFeatures> third = client.features("driver_ranking_v1").entity("driver_id", 1001)
        .deadline(Duration.ofMillis(500)).getAsync();
    time.advanceMillis(500);
    assertThat(failure(third)).isInstanceOf(DeadlineExceededException.class);
    assertThat(transport.count()).isEqualTo(2);
    time.advanceMillis(500);
    assertThat(failure(second)).isInstanceOf(DeadlineExceededException.class);

    CompletableFuture<OnlineFeatures> fourth = lookup(client);
    assertThat(transport.count()).isEqualTo(3);
    transport.last().reply(200, Answers.ONE_ROW);
    assertThat(fourth).isCompleted();
  }

  @Test
  void waitingForAConnectionOfTheClientsOwnBoundIsNoFailureOfTheServer() {
    ParityClient client = client(b -> b.maxConnections(1).circuitBreaker(new CircuitBreakerPolicy(1, Duration.ofSeconds(5))));
    CompletableFuture<OnlineFeatures> first = lookup(client);
    CompletableFuture<OnlineFeatures> waiting = client.features("driver_ranking_v1").entity("driver_id", 1001)
        .deadline(Duration.ofMillis(50)).getAsync();

    time.advanceMillis(50);

    assertThat(failure(waiting)).isInstanceOf(DeadlineExceededException.class);
    assertThat(client.circuitStates().values()).containsExactly(CircuitState.CLOSED);
    transport.last().reply(200, Answers.ONE_ROW);
    assertThat(first).isCompleted();
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void cancellingTheFutureCancelsTheAttempt() {
    ParityClient client = client(b -> b);
    CompletableFuture<OnlineFeatures> answer = lookup(client);

    answer.cancel(false);

    assertThat(transport.last().answer()).isCancelled();
    assertThat(time.pending()).isZero();
    assertThat(listener.events()).contains("call lookup 1 ParityClientException");
  }

  @Test
  void closingFailsTheCallsInFlightAndRefusesNewOnes() {
    ParityClient client = client(b -> b);
    CompletableFuture<OnlineFeatures> answer = lookup(client);

    client.close();

    assertThat(failure(answer)).isInstanceOf(UnavailableException.class).hasMessageContaining("closed");
    assertThat(transport.last().answer()).isCancelled();
    assertThatThrownBy(() -> lookup(client)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheCall() {
    ParityClient client = ParityClient.builder().baseUrl(A).transport(transport).scheduler(time).ticker(time)
        .executor(Runnable::run).listener(new ParityClientListener() {
          @Override
          public void callEnded(String operation, Duration elapsed, int attempts, ParityClientException failure) {
            throw new IllegalStateException("a broken listener");
          }
        }).build();
    CompletableFuture<OnlineFeatures> answer = lookup(client);
    transport.last().reply(200, Answers.ONE_ROW);

    assertThat(answer.join().rowCount()).isEqualTo(1);
  }
}
