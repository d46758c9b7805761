package dev.parity.client.metrics;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import dev.parity.client.CircuitState;
import dev.parity.client.ParityClientException;
import dev.parity.client.ParityClientListener;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ParityClientListener} that records the client's calls into a Dropwizard {@link
 * MetricRegistry}, every name under a prefix ({@value #DEFAULT_PREFIX} by default). {@code OP} is
 * the operation ({@code lookup}, {@code defaults} — fetching the declared defaults a lookup may
 * degrade to —, {@code push}, {@code job-start}, {@code job-status}), {@code
 * ENDPOINT} a base URL written {@code host_port} (dots and colons, which reporters such as
 * Graphite read as separators, become {@code _}), {@code EXCEPTION} the simple class name of a
 * {@link ParityClientException} subclass:
 *
 * <ul>
 *   <li>{@code PREFIX.OP.calls} (timer): every call, cache answers and failures included;
 *   <li>{@code PREFIX.OP.attempts} (timer): every HTTP attempt, hedges and retries included;
 *   <li>{@code PREFIX.OP.failures.EXCEPTION} (counter): calls that failed, by exception;
 *   <li>{@code PREFIX.OP.attempt-failures.EXCEPTION} (counter): attempts that failed, by exception;
 *   <li>{@code PREFIX.OP.retries} (counter): retries scheduled;
 *   <li>{@code PREFIX.OP.hedges} (counter): hedged attempts sent;
 *   <li>{@code PREFIX.OP.retry-budget-exhausted} (counter): retries and hedges not made for want of budget;
 *   <li>{@code PREFIX.OP.degraded} (timer): lookups the server could not answer that were answered
 *       with the client's declared defaults instead, timed from the lookup's start (they also
 *       count in {@code calls} and {@code failures}, as the failed calls they are);
 *   <li>{@code PREFIX.OP.degraded-rows} (counter): the entity rows of those lookups, each feature a
 *       client-side default;
 *   <li>{@code PREFIX.circuit.ENDPOINT.state} (gauge): 0 closed, 1 half-open, 2 open; registered
 *       when the endpoint is first seen (an attempt or a transition), closed until told otherwise;
 *   <li>{@code PREFIX.circuit.ENDPOINT.to-closed}, {@code .to-half-open}, {@code .to-open}
 *       (counters): the transitions of the endpoint's circuit breaker;
 *   <li>{@code PREFIX.near-cache.hits}, {@code PREFIX.near-cache.misses} (counters): rows a lookup
 *       found in the near cache, and rows it had to ask the server for.
 * </ul>
 *
 * <pre>{@code
 * ParityClient client = ParityClient.builder().baseUrl(url)
 *     .listener(new DropwizardClientMetrics(environment.metrics()))
 *     .build();
 * }</pre>
 *
 * <p>Use one instance per client and prefix: a second one with the same prefix and registry
 * shares the counters and timers but not the state gauges, which the first registered.
 *
 * <p>Thread-safe; each event costs a map lookup and an atomic update. The state gauge follows the
 * transitions the client reports; {@link dev.parity.client.ParityClient#circuitStates()} is the
 * authority if two transitions of one endpoint race.
 */
public final class DropwizardClientMetrics implements ParityClientListener {
  /** The prefix of every metric name unless another is given. */
  public static final String DEFAULT_PREFIX = "parity.client";

  private final MetricRegistry registry;
  private final String prefix;
  private final Map<URI, Circuit> circuits = new ConcurrentHashMap<>();

  /** Records into {@code registry} under {@value #DEFAULT_PREFIX}. */
  public DropwizardClientMetrics(MetricRegistry registry) {
    this(registry, DEFAULT_PREFIX);
  }

  /**
   * Records into {@code registry} under {@code prefix}.
   *
   * @throws IllegalArgumentException the prefix is blank or ends with a dot
   */
  public DropwizardClientMetrics(MetricRegistry registry, String prefix) {
    this.registry = requireNonNull(registry, "registry is null");
    requireNonNull(prefix, "prefix is null");
    if (prefix.isBlank() || prefix.endsWith(".")) {
      throw new IllegalArgumentException("metric prefix '" + prefix + "' must be non-blank and not end with '.'");
    }
    this.prefix = prefix;
  }

  /** The name {@code PREFIX.parts...}; for tests and dashboards. */
  public String name(String... parts) {
    return MetricRegistry.name(prefix, parts);
  }

  @Override
  public void attemptEnded(String operation, URI endpoint, int attempt, boolean hedge, Duration elapsed,
      int httpStatus, ParityClientException failure) {
    circuit(endpoint);
    registry.timer(name(operation, "attempts")).update(elapsed.toNanos(), TimeUnit.NANOSECONDS);
    if (failure != null) {
      registry.counter(name(operation, "attempt-failures", failure.getClass().getSimpleName())).inc();
    }
  }

  @Override
  public void callEnded(String operation, Duration elapsed, int attempts, ParityClientException failure) {
    registry.timer(name(operation, "calls")).update(elapsed.toNanos(), TimeUnit.NANOSECONDS);
    if (failure != null) {
      registry.counter(name(operation, "failures", failure.getClass().getSimpleName())).inc();
    }
  }

  @Override
  public void retryScheduled(String operation, int retry, Duration backoff, ParityClientException cause) {
    registry.counter(name(operation, "retries")).inc();
  }

  @Override
  public void retryBudgetExhausted(String operation) {
    registry.counter(name(operation, "retry-budget-exhausted")).inc();
  }

  @Override
  public void hedgeSent(String operation, URI endpoint) {
    registry.counter(name(operation, "hedges")).inc();
  }

  @Override
  public void circuitStateChanged(URI endpoint, CircuitState from, CircuitState to) {
    Circuit circuit = circuit(endpoint);
    circuit.state = to;
    registry.counter(name("circuit", circuit.name, "to-" + to.name().toLowerCase(Locale.ROOT).replace('_', '-'))).inc();
  }

  @Override
  public void degradedToDefaults(String operation, Duration elapsed, int rows, ParityClientException cause) {
    registry.timer(name(operation, "degraded")).update(elapsed.toNanos(), TimeUnit.NANOSECONDS);
    registry.counter(name(operation, "degraded-rows")).inc(rows);
  }

  @Override
  public void nearCache(int hits, int misses) {
    registry.counter(name("near-cache", "hits")).inc(hits);
    registry.counter(name("near-cache", "misses")).inc(misses);
  }

  /** The circuit of {@code endpoint}, its gauge registered on first sight. */
  private Circuit circuit(URI endpoint) {
    Circuit known = circuits.get(endpoint);
    if (known != null) {
      return known;
    }
    return circuits.computeIfAbsent(endpoint, e -> {
      Circuit circuit = new Circuit(endpointName(e));
      Gauge<Integer> state = circuit::code;
      registry.gauge(name("circuit", circuit.name, "state"), () -> state);
      return circuit;
    });
  }

  /** {@code host_port} of a base URL, without the separators reporters split names on. */
  static String endpointName(URI endpoint) {
    String host = endpoint.getHost() == null ? endpoint.toString() : endpoint.getHost();
    String name = endpoint.getPort() < 0 ? host : host + ":" + endpoint.getPort();
    return name.replaceAll("[.:/\\[\\]]", "_");
  }

  /** What the state gauge of one endpoint reads. */
  private static final class Circuit {
    private final String name;
    private volatile CircuitState state = CircuitState.CLOSED;

    Circuit(String name) {
      this.name = name;
    }

    int code() {
      return switch (state) {
        case CLOSED -> 0;
        case HALF_OPEN -> 1;
        case OPEN -> 2;
      };
    }
  }
}
