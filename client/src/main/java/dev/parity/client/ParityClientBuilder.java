package dev.parity.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Configures a {@link ParityClient}. Only the base URL is required; the defaults suit a service
 * looking features up on its request path.
 *
 * <p><b>Timeouts.</b> Every call has a <em>deadline</em> (default 1 s for lookups), the most it
 * may take in all, retries, backoffs and waits for a connection included: it ends then with
 * {@link DeadlineExceededException} and its attempts are cancelled. Each <em>attempt</em> has its
 * own timeout (default 300 ms), after which it counts as failed and may be retried within the
 * deadline; connecting has the <em>connect timeout</em> (default 500 ms). Pushes and job calls
 * use the <em>batch timeout</em> (default 5 minutes) as both deadline and attempt timeout.
 *
 * <p><b>Retries and hedging.</b> See {@link RetryPolicy} (what is retried, backoff, the retry
 * budget) and {@link #hedgeAfter}. <b>Circuit breakers:</b> see {@link CircuitBreakerPolicy}.
 *
 * <p><b>Connections.</b> The client speaks HTTP/1.1 ({@link #httpImplementation}: its own over
 * JDK sockets by default, or the JDK {@link HttpClient}), one exchange per connection, keeping idle
 * connections open for reuse (the sockets: up to {@link #maxConnections} per base URL, for 20 s;
 * the JDK client: for {@code jdk.httpclient.keepalive.timeout} seconds, a JVM-wide system
 * property, 1200 by default on JDK 17) and opening a new one whenever all are busy.
 * {@link #maxConnections} bounds the exchanges in flight, and so the connections to each base URL;
 * an attempt over the bound waits for a free one within its deadline.
 *
 * <p>Not thread-safe; {@link #build()} may be called more than once.
 */
public final class ParityClientBuilder {
  private final List<URI> baseUrls = new ArrayList<>();
  private String bearerToken;
  private Duration connectTimeout = Duration.ofMillis(500);
  private Duration attemptTimeout = Duration.ofMillis(300);
  private Duration deadline = Duration.ofSeconds(1);
  private Duration batchTimeout = Duration.ofMinutes(5);
  private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
  private Duration hedgeDelay;
  private CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.DEFAULT;
  private int maxConnections = 64;
  private HttpImplementation httpImplementation = HttpImplementation.SOCKETS;
  private Executor executor;
  private int nearCacheRows;
  private Duration nearCacheStaleness;
  private ParityClientListener listener = ParityClientListener.NONE;
  private Clock clock = Clock.systemUTC();
  private boolean degradeToDefaults;
  private Duration defaultsRefresh = Duration.ofMinutes(1);
  private final List<DeclaredDefaults> declaredDefaults = new ArrayList<>();
  private Ticker ticker = Ticker.system();
  // For tests of the call logic: a scripted transport, timers on a fake ticker, fixed jitter.
  private Transport transport;
  private Scheduler scheduler;
  private DoubleSupplier random;

  ParityClientBuilder() {}

  /**
   * Adds a base URL, such as {@code http://features:6566} (a path prefix is kept). With several,
   * calls go to them in turn, and retries and hedges to another than the one that failed or is
   * slow; each has its own circuit breaker.
   */
  public ParityClientBuilder baseUrl(String url) {
    return baseUrl(URI.create(requireNonNull(url, "url is null")));
  }

  /** As {@link #baseUrl(String)}. */
  public ParityClientBuilder baseUrl(URI url) {
    requireNonNull(url, "url is null");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("a base URL is http(s)://host[:port][/path], got " + url);
    }
    if (url.getQuery() != null || url.getFragment() != null) {
      throw new IllegalArgumentException("a base URL has no query or fragment, got " + url);
    }
    String text = url.toString();
    baseUrls.add(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text));
    return this;
  }

  /** The bearer token sent with every request (role {@code reader} for lookups, {@code writer} for push and jobs). */
  public ParityClientBuilder bearerToken(String token) {
    requireNonNull(token, "token is null");
    if (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("a bearer token is printable ASCII without spaces");
    }
    this.bearerToken = token;
    return this;
  }

  /** How long opening a connection may take (default 500 ms). */
  public ParityClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /** How long one attempt of a lookup may take before it counts as failed (default 300 ms). */
  public ParityClientBuilder attemptTimeout(Duration timeout) {
    this.attemptTimeout = positive(timeout, "attemptTimeout");
    return this;
  }

  /** How long a lookup may take in all, retries included (default 1 s); per lookup: {@link LookupRequest#deadline}. */
  public ParityClientBuilder deadline(Duration deadline) {
    this.deadline = positive(deadline, "deadline");
    return this;
  }

  /** Deadline and attempt timeout of pushes and job calls (default 5 minutes). */
  public ParityClientBuilder batchTimeout(Duration timeout) {
    this.batchTimeout = positive(timeout, "batchTimeout");
    return this;
  }

  /** What is retried and how often (default {@link RetryPolicy#DEFAULT}; {@link RetryPolicy#none()} for no retries). */
  public ParityClientBuilder retryPolicy(RetryPolicy policy) {
    this.retryPolicy = requireNonNull(policy, "policy is null");
    return this;
  }

  /**
   * Sends a second attempt of a lookup (to another base URL when there are several) if the first
   * has not answered after {@code delay}; the first answer wins and the other attempt is
   * cancelled. Hedges draw on the retry budget. Off by default; a delay near the lookups' 95th
   * percentile latency cuts the tail at a few percent more requests.
   */
  public ParityClientBuilder hedgeAfter(Duration delay) {
    this.hedgeDelay = positive(delay, "hedge delay");
    return this;
  }

  /** When the circuit breakers open (default {@link CircuitBreakerPolicy#DEFAULT}). */
  public ParityClientBuilder circuitBreaker(CircuitBreakerPolicy policy) {
    this.circuitBreaker = requireNonNull(policy, "policy is null");
    return this;
  }

  /** The most exchanges in flight at once, and so connections open (default 64). */
  public ParityClientBuilder maxConnections(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1, got " + max);
    }
    this.maxConnections = max;
    return this;
  }

  /**
   * How the client speaks HTTP (default {@link HttpImplementation#SOCKETS}: a synchronous lookup
   * runs its exchange on the caller's thread; see {@link HttpImplementation}).
   */
  public ParityClientBuilder httpImplementation(HttpImplementation implementation) {
    this.httpImplementation = requireNonNull(implementation, "implementation is null");
    return this;
  }

  /**
   * Where {@code getAsync} futures complete and the batch helpers wait. By default a pool of
   * daemon threads of the client's own, stopped by {@link ParityClient#close()}; an executor
   * given here is not shut down by the client. The exchanges themselves run on the client's own
   * threads, or on the caller's for a synchronous call (see {@link HttpImplementation}).
   */
  public ParityClientBuilder executor(Executor executor) {
    this.executor = requireNonNull(executor, "executor is null");
    return this;
  }

  /**
   * Keeps the answers of up to {@code maxRows} entity rows and answers later lookups of the same
   * rows (same service or features, same keys and request data) from it while they are younger
   * than {@code maxStaleness}, counted from when their request was sent. Off by default. A value
   * may then be up to {@code maxStaleness} older than the server's, and a row the server would now
   * call {@code OUTSIDE_MAX_AGE} may still be served as {@code PRESENT} within that bound.
   */
  public ParityClientBuilder nearCache(int maxRows, Duration maxStaleness) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("the near cache must hold at least 1 row, got " + maxRows);
    }
    this.nearCacheRows = maxRows;
    this.nearCacheStaleness = positive(maxStaleness, "maxStaleness");
    return this;
  }

  /** Told of attempts, calls, retries, hedges, circuit changes and cache hits. */
  public ParityClientBuilder listener(ParityClientListener listener) {
    this.listener = requireNonNull(listener, "listener is null");
    return this;
  }

  /**
   * Whether every lookup answers with the declared defaults when the server cannot be reached
   * (default false), as {@link LookupRequest#degradeToDefaults()} asks for one lookup.
   */
  public ParityClientBuilder degradeToDefaults(boolean degrade) {
    this.degradeToDefaults = degrade;
    return this;
  }

  /**
   * Declared defaults known before the server is reached (e.g. saved from {@code GET
   * /feature-services/NAME/defaults} at build time), so that a client which never reached the
   * server can degrade; replaced by the server's once a lookup succeeds.
   */
  public ParityClientBuilder declaredDefaults(DeclaredDefaults... defaults) {
    for (DeclaredDefaults given : defaults) {
      declaredDefaults.add(requireNonNull(given, "declared defaults are null"));
    }
    return this;
  }

  /**
   * How long fetched declared defaults are used before a successful lookup fetches them again in
   * the background (default 1 min); they are also fetched again when an answer's columns no
   * longer match them.
   */
  public ParityClientBuilder defaultsRefresh(Duration refresh) {
    this.defaultsRefresh = positive(refresh, "defaultsRefresh");
    return this;
  }

  /** The wall clock that ages are counted with (default UTC system clock). */
  public ParityClientBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock is null");
    return this;
  }

  /** The source of elapsed time for deadlines, backoffs, breakers and the near cache (default {@link System#nanoTime}). */
  public ParityClientBuilder ticker(Ticker ticker) {
    this.ticker = requireNonNull(ticker, "ticker is null");
    return this;
  }

  ParityClientBuilder transport(Transport transport) {
    this.transport = transport;
    return this;
  }

  ParityClientBuilder scheduler(Scheduler scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  ParityClientBuilder random(DoubleSupplier random) {
    this.random = random;
    return this;
  }

  /**
   * A client with this configuration.
   *
   * @throws IllegalStateException if no base URL was given
   */
  public ParityClient build() {
    if (baseUrls.isEmpty()) {
      throw new IllegalStateException("give the server's base URL, e.g. baseUrl(\"http://127.0.0.1:6566\")");
    }
    List<ExecutorService> owned = new ArrayList<>();
    Executor work = executor;
    if (work == null) {
      ExecutorService pool = Executors.newCachedThreadPool(daemon("parity-client-"));
      owned.add(pool);
      work = pool;
    }
    Scheduler timers = scheduler;
    if (timers == null) {
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("parity-client-timer-"));
      owned.add(timer);
      timers = Scheduler.threaded(timer);
    }
    Transport http = transport;
    if (http == null) {
      // Threads that each wait on one exchange in flight (of asynchronous calls only, for the
      // sockets): no more than the connection bound lets in flight, kept while calls keep coming.
      ExecutorService exchanges = Executors.newCachedThreadPool(daemon("parity-client-http-"));
      owned.add(exchanges);
      http = httpImplementation == HttpImplementation.SOCKETS
          ? new SocketTransport(connectTimeout, exchanges, maxConnections, bearerToken, "parity-client/" + version())
          : new HttpTransport(HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(connectTimeout)
          .followRedirects(HttpClient.Redirect.NEVER)
          // The JDK client's own steps (writing the request, parsing the answer) run inline on the
          // thread that triggers them, mostly its selector: no caller code runs there (answers
          // complete on the exchange threads), and each hand-off to a pool cost CPU: ~20 % less
          // per 1-row lookup inline (bench/HISTORY.md).
          .executor(Runnable::run)
          .build(), exchanges, bearerToken, "parity-client/" + version());
    }
    DoubleSupplier jitter = random != null ? random : () -> ThreadLocalRandom.current().nextDouble();
    ClientCore core = new ClientCore(List.copyOf(baseUrls), circuitBreaker, http, timers, ticker, retryPolicy,
        new InFlightLimiter(maxConnections, work), listener, jitter);
    NearCache cache = nearCacheRows > 0 ? new NearCache(nearCacheRows, nearCacheStaleness.toNanos(), ticker) : null;
    DefaultsCache defaults = new DefaultsCache(core, clock, defaultsRefresh, deadline, declaredDefaults);
    Lookups lookups = new Lookups(core, cache, clock, work, deadline, attemptTimeout, hedgeDelay, defaults,
        degradeToDefaults);
    ObjectMapper json = new ObjectMapper();
    BatchCalls batch = new BatchCalls(core, json, work, batchTimeout);
    return new ParityClient(core, lookups, cache, new Jobs(batch), new Pushes(batch), owned);
  }

  private static Duration positive(Duration duration, String what) {
    requireNonNull(duration, what + " is null");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + duration);
    }
    return duration;
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static String version() {
    String version = ParityClient.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
