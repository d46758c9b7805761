package dev.parity.client.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.parity.client.BadRequestException;
import dev.parity.client.CircuitBreakerPolicy;
import dev.parity.client.CircuitOpenException;
import dev.parity.client.OnlineFeatures;
import dev.parity.client.ParityClient;
import dev.parity.client.ParityClientBuilder;
import dev.parity.client.RetryPolicy;
import dev.parity.client.UnavailableException;
import dev.parity.client.testing.Await;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metrics a client's calls leave in the registry, the calls made over real loopback HTTP. */
class DropwizardClientMetricsTest {
  private final MetricRegistry registry = new MetricRegistry();
  private final DropwizardClientMetrics metrics = new DropwizardClientMetrics(registry);
  private final LoopbackServer server = new LoopbackServer(number -> LoopbackServer.ok());
  /** Added to the system ticker: lets a test move the client past the breaker's open time without waiting. */
  private final AtomicLong skipped = new AtomicLong();
  private ParityClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private ParityClient client(UnaryOperator<ParityClientBuilder> configure) {
    client = configure.apply(ParityClient.builder().baseUrl(server.url()).deadline(Duration.ofSeconds(5))
        .attemptTimeout(Duration.ofSeconds(5)).listener(metrics).ticker(() -> System.nanoTime() + skipped.get()))
        .build();
    return client;
  }

  /**
   * One lookup, returning once the client has reported its end: the listener hears of a call on
   * the client's thread, possibly just after the caller has the answer.
   */
  private void lookup() {
    long before = timed("lookup", "calls");
    try {
      client.features("driver_ranking_v1").entity("driver_id", 1001).get();
    } finally {
      Await.until(() -> timed("lookup", "calls") > before, "the end of the call reported");
    }
  }

  private long count(String... name) {
    return registry.counter(metrics.name(name)).getCount();
  }

  private long timed(String... name) {
    return registry.timer(metrics.name(name)).getCount();
  }

  private Object gauge(String... name) {
    return registry.getGauges().get(metrics.name(name)).getValue();
  }

  @Test
  void timesEveryCallAndAttemptPerOperation() {
    client(b -> b);

    for (int i = 0; i < 3; i++) {
      lookup();
    }

    assertThat(timed("lookup", "calls")).isEqualTo(3);
    assertThat(timed("lookup", "attempts")).isEqualTo(3);
    assertThat(registry.timer(metrics.name("lookup", "calls")).getSnapshot().getMax()).isPositive();
    assertThat(registry.getCounters().keySet()).noneMatch(name -> name.contains("failures"));
  }

  @Test
  void countsRetriesAndTheFailedAttemptsByExceptionClass() {
    server.answer(number -> number <= 2 ? LoopbackServer.error(503) : LoopbackServer.ok());
    client(b -> b.retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(3)));

    lookup();

    assertThat(count("lookup", "retries")).isEqualTo(2);
    assertThat(timed("lookup", "attempts")).isEqualTo(3);
    assertThat(count("lookup", "attempt-failures", "UnavailableException")).isEqualTo(2);
    assertThat(timed("lookup", "calls")).isEqualTo(1);
    assertThat(registry.getCounters()).doesNotContainKey(metrics.name("lookup", "failures", "UnavailableException"));
  }

  @Test
  void countsFailedCallsByExceptionClass() {
    server.answer(number -> LoopbackServer.error(400));
    client(b -> b);

    assertThatThrownBy(this::lookup).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(this::lookup).isInstanceOf(BadRequestException.class);

    assertThat(count("lookup", "failures", "BadRequestException")).isEqualTo(2);
    assertThat(count("lookup", "attempt-failures", "BadRequestException")).isEqualTo(2);
    assertThat(timed("lookup", "calls")).isEqualTo(2);
  }

  @Test
  void followsTheCircuitBreakerThroughOpenHalfOpenAndClosed() {
    Duration open = Duration.ofMinutes(1);
    server.answer(number -> LoopbackServer.error(503));
    client(b -> b.retryPolicy(RetryPolicy.none()).circuitBreaker(new CircuitBreakerPolicy(2, open)));
    String endpoint = DropwizardClientMetrics.endpointName(URI.create(server.url()));

    assertThatThrownBy(this::lookup).isInstanceOf(UnavailableException.class);
    assertThat(gauge("circuit", endpoint, "state")).isEqualTo(0);
    assertThatThrownBy(this::lookup).isInstanceOf(UnavailableException.class);
    assertThat(gauge("circuit", endpoint, "state")).isEqualTo(2);
    assertThatThrownBy(this::lookup).isInstanceOf(CircuitOpenException.class);
    assertThat(count("lookup", "failures", "CircuitOpenException")).isEqualTo(1);

    server.answer(number -> LoopbackServer.ok());
    skipped.addAndGet(open.toNanos());
    lookup();

    assertThat(gauge("circuit", endpoint, "state")).isEqualTo(0);
    assertThat(count("circuit", endpoint, "to-open")).isEqualTo(1);
    assertThat(count("circuit", endpoint, "to-half-open")).isEqualTo(1);
    assertThat(count("circuit", endpoint, "to-closed")).isEqualTo(1);
    assertThat(timed("lookup", "calls")).isEqualTo(4);
    assertThat(timed("lookup", "attempts")).isEqualTo(3);
  }

  @Test
  void countsAHedgeSentWhileTheFirstAttemptIsHeld() {
    CountDownLatch hedgeArrived = new CountDownLatch(1);
    server.answer(number -> {
      if (number == 1) {
        // Held until the hedge comes: the hedge is then sure to have been sent, whatever the machine's load.
        hedgeArrived.await(10, TimeUnit.SECONDS);
      } else {
        hedgeArrived.countDown();
      }
      return LoopbackServer.ok();
    });
    client(b -> b.hedgeAfter(Duration.ofMillis(20)));

    lookup();

    assertThat(count("lookup", "hedges")).isEqualTo(1);
    assertThat(timed("lookup", "calls")).isEqualTo(1);
  }

  @Test
  void countsNearCacheHitsAndMisses() {
    client(b -> b.nearCache(100, Duration.ofMinutes(1)));

    lookup();
    lookup();
    lookup();

    assertThat(count("near-cache", "misses")).isEqualTo(1);
    assertThat(count("near-cache", "hits")).isEqualTo(2);
    assertThat(timed("lookup", "attempts")).isEqualTo(1);
  }

  @Test
  void timesTheDefaultsFetchAndTheLookupsDegradedToDefaults() {
    String defaults = """
        {"feature_service":"driver_ranking_v1","version":"v1",\
        "features":[{"view":"driver_hourly_stats","name":"conv_rate","on_demand":false,"default":0.25}]}""";
    // 1: a lookup; 2: the defaults it has the client fetch in the background; then the server fails.
    server.answer(number -> switch (number) {
      case 1 -> LoopbackServer.ok();
      case 2 -> new LoopbackServer.Answer(200, defaults);
      default -> LoopbackServer.error(503);
    });
    client(b -> b.retryPolicy(RetryPolicy.none()).degradeToDefaults(true));

    lookup();
    Await.until(() -> timed("defaults", "calls") == 1, "the defaults fetched");
    OnlineFeatures degraded = client.features("driver_ranking_v1").entities("driver_id", List.of(1001, 1002)).get();
    Await.until(() -> timed("lookup", "calls") == 2, "the end of the failed call reported");

    assertThat(degraded.row(1).get("conv_rate").isClientDefault()).isTrue();
    assertThat(degraded.row(1).getDouble("conv_rate")).isEqualTo(0.25);
    assertThat(timed("defaults", "attempts")).isEqualTo(1);
    assertThat(timed("lookup", "degraded")).isEqualTo(1);
    assertThat(count("lookup", "degraded-rows")).isEqualTo(2);
    assertThat(count("lookup", "failures", "UnavailableException")).isEqualTo(1);
  }

  @Test
  void writesEndpointsWithoutTheSeparatorsReportersSplitOn() {
    assertThat(DropwizardClientMetrics.endpointName(URI.create("http://features.internal:6566")))
        .isEqualTo("features_internal_6566");
    assertThat(new DropwizardClientMetrics(registry, "svc.features").name("lookup", "calls"))
        .isEqualTo("svc.features.lookup.calls");
    assertThatThrownBy(() -> new DropwizardClientMetrics(registry, "svc."))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
