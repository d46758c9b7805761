package dev.parity.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.online.FeatureColumn;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.OnlineView;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.online.serving.OnlineViews;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.ParityApplication;
import dev.parity.server.ParityConfiguration;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.testing.SampleRepository;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The server under test: the sample repository copied into a directory with its data generated,
 * in a project of its own, applied to its H2 registry, with online values written to Redis, and
 * the application started on free loopback ports through Dropwizard's test support. Requests go
 * over real HTTP.
 *
 * <p>Online values: {@code driver_hourly_stats} fresh for driver 1001, 2 days 30 minutes old (past the
 * 2-day ttl, within the store's expiry grace) for 1003, fresh with a null {@code acc_rate} for 1004, nothing for 1002;
 * {@code driver_activity} for 1001; {@code customer_profile} for customer 501.
 */
public final class TestServer implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger PROJECTS = new AtomicInteger();
  private static Path template;
  private static TestServer shared;

  public final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  public final Path repository;
  public final FeatureRepository definitions;
  /** A store of the test's own on the same Redis and project, for writes and expected results. */
  public final OnlineStore store;
  private final String redisUrl;
  private final Consumer<ParityConfiguration> customize;
  private final DropwizardTestSupport<ParityConfiguration> support;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(Path repository, String redisUrl, Consumer<ParityConfiguration> customize, boolean prepare) {
    this.repository = repository;
    this.redisUrl = redisUrl;
    this.customize = customize;
    RepositoryService repositories = new RepositoryService(new ParquetSchemaResolver(), Map.of(), Clock.systemUTC());
    if (prepare) {
      repositories.apply(repository);
    }
    this.definitions = repositories.load(repository);
    this.store = RedisOnlineStoreFactory.create(RedisConnectionConfig.standalone(redisUrl),
        OnlineStoreSettings.defaults(definitions.config().project()), Clock.systemUTC(), Ticker.systemTicker());
    if (prepare) {
      writeValues();
    }
    ParityConfiguration config = configuration(repository, redisUrl);
    customize.accept(config);
    this.support = new DropwizardTestSupport<>(ParityApplication.class, config);
  }

  /** Prepares the sample repository under {@code directory} and starts a server on it. */
  public static TestServer start(Path directory, String redisUrl) {
    return start(directory, redisUrl, config -> {});
  }

  /** As {@link #start(Path, String)}, with the configuration changed by {@code customize} first. */
  public static TestServer start(Path directory, String redisUrl, Consumer<ParityConfiguration> customize) {
    return started(new TestServer(sampleRepository(directory), redisUrl, customize, true));
  }

  /**
   * A new server on the repository and configuration of {@code stopped} (closed by the caller),
   * as the repository is now: nothing is applied or written.
   */
  public static TestServer restart(TestServer stopped) {
    return started(new TestServer(stopped.repository, stopped.redisUrl, stopped.customize, false));
  }

  private static TestServer started(TestServer server) {
    try {
      server.support.before();
    } catch (Exception e) {
      server.store.close();
      throw new IllegalStateException("the server did not start", e);
    }
    return server;
  }

  /**
   * A server on the sample repository and the shared test Redis, started once per JVM for the
   * tests that only read (stopped at exit, as {@link dev.parity.online.testing.TestRedis} stops
   * its server). Tests that change the repository or the configuration start their own.
   */
  public static synchronized TestServer shared() {
    if (shared == null) {
      try {
        Path directory = Files.createTempDirectory("parity-http-");
        shared = start(directory.resolve("drivers"), TestRedis.standaloneUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          shared.close();
          deleteTree(directory);
        }, "stop-shared-test-server"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /**
   * The sample repository in {@code directory}, in a project no other test uses. Its data is
   * generated once per JVM and copied, since generating takes seconds.
   */
  public static Path sampleRepository(Path directory) {
    Path repo = copyTree(template(), directory);
    String project = "http_" + ProcessHandle.current().pid() + "_" + PROJECTS.incrementAndGet();
    SampleRepository.edit(repo, "parity.yaml", "project: default", "project: " + project);
    return repo;
  }

  private static synchronized Path template() {
    if (template == null) {
      try {
        Path directory = Files.createTempDirectory("parity-http-template-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory), "delete-template"));
        // Parquet logs every record at DEBUG, which is logback's level before Dropwizard configures it.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
            .setLevel(ch.qos.logback.classic.Level.INFO);
        template = SampleRepository.create(directory.resolve("drivers"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return template;
  }

  private static Path copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  /** The configuration tests start from: loopback, free ports, Redis at {@code redisUrl}, quiet logs. */
  public static ParityConfiguration configuration(Path repository, String redisUrl) {
    ParityConfiguration config = new ParityConfiguration();
    config.setRepository(repository.toString());
    config.setRedisUrl(redisUrl);
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(0);
    ((HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(0);
    ((DefaultLoggingFactory) config.getLoggingFactory()).setLevel("WARN");
    return config;
  }

  public int port() {
    return support.getLocalPort();
  }

  public int adminPort() {
    return support.getAdminPort();
  }

  public ParityConfiguration configuration() {
    return support.getConfiguration();
  }

  public io.dropwizard.core.setup.Environment environment() {
    return support.getEnvironment();
  }

  /** {@code POST path} with a JSON body and, unless null, a bearer token. */
  public HttpResponse<String> post(String path, String json, String token) {
    HttpRequest.Builder request = request(port(), path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    return send(request.build());
  }

  public HttpResponse<String> post(String path, String json) {
    return post(path, json, null);
  }

  /** {@code GET path} on the application port with, unless null, a bearer token. */
  public HttpResponse<String> get(String path, String token) {
    return send(request(port(), path, token).GET().build());
  }

  public HttpResponse<String> get(String path) {
    return get(path, null);
  }

  /** {@code GET path} on the admin port. */
  public HttpResponse<String> admin(String path) {
    return admin(path, null);
  }

  /** {@code GET path} on the admin port with, unless null, a bearer token. */
  public HttpResponse<String> admin(String path, String token) {
    return send(request(adminPort(), path, token).GET().build());
  }

  /** {@code POST path} with an empty body on the admin port (a task) with, unless null, a bearer token. */
  public HttpResponse<String> adminPost(String path, String token) {
    return send(request(adminPort(), path, token).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  /** The body of {@code response} as JSON. */
  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  private static HttpRequest.Builder request(int port, String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  /** The address of {@code path} on the application port. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** Sends {@code request} with the server's client; the body as a string. */
  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void writeValues() {
    OnlineViews views = OnlineViews.of(definitions);
    OnlineView hourly = views.view("driver_hourly_stats");
    store.write(hourly, List.of(
        row(hourly, 1001L, now.minus(1, ChronoUnit.HOURS), 1, -1),
        row(hourly, 1003L, now.minus(Duration.ofDays(2).plusMinutes(30)), 3, -1),
        row(hourly, 1004L, now.minus(2, ChronoUnit.HOURS), 4, hourly.featureIndex("acc_rate"))));
    OnlineView activity = views.view("driver_activity");
    store.write(activity, List.of(row(activity, 1001L, now.minus(30, ChronoUnit.MINUTES), 1, -1)));
    OnlineView customers = views.view("customer_profile");
    store.write(customers, List.of(row(customers, 501L, now.minus(3, ChronoUnit.HOURS), 5, -1)));
  }

  /** A row with a distinct value per feature derived from {@code seed}; the feature at {@code nullAt} null. */
  private static OnlineRow row(OnlineView view, long key, Instant eventTime, int seed, int nullAt) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < view.features().size(); i++) {
      FeatureColumn feature = view.features().get(i);
      values.add(i == nullAt ? null : value(feature.type(), seed * 10 + i));
    }
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, eventTime);
    return OnlineRow.of(List.of(key), micros, values);
  }

  private static Object value(DataType type, int n) {
    return switch (type) {
      case INT64 -> (long) n;
      case FLOAT64 -> n / 8.0;
      case STRING -> List.of("sedan", "suv", "van").get(n % 3);
      case BOOL -> n % 2 == 0;
      case TIMESTAMP -> 1_700_000_000_000_000L + n;
    };
  }

  @Override
  public void close() {
    try {
      support.after();
    } finally {
      store.close();
    }
  }
}
