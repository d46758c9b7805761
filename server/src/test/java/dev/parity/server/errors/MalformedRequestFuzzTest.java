package dev.parity.server.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.RawHttp;
import dev.parity.server.app.TestServer;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenConfig;
import dev.parity.server.errors.RequestFuzzer.Caller;
import dev.parity.server.errors.RequestFuzzer.Endpoint;
import dev.parity.server.errors.RequestFuzzer.FuzzRequest;
import io.dropwizard.util.DataSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of mutated requests (see {@link RequestFuzzer}) to every endpoint of the application
 * connector, with tokens of each role, none and a wrong one: none is answered 5xx, every error is
 * {@code {"code", "message"}} JSON with its status, and every request is answered within
 * {@link #REQUEST_TIMEOUT}. Seeded: the seed is printed, {@code -Dparity.fuzz.seed=N} replays a
 * run ({@code random} draws a new one), {@code -Dparity.fuzz.requests} and {@code
 * -Dparity.fuzz.seconds} change how many requests and for how long at most (stopping early, and
 * saying so, on a slow machine).
 */
class MalformedRequestFuzzTest {
  private static final long DEFAULT_SEED = 2_021;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
  private static final int THREADS = 4;
  private static final Map<Caller, String> TOKENS = Map.of(Caller.READER, "fuzz-reader-token-0123456789",
      Caller.WRITER, "fuzz-writer-token-0123456789", Caller.ADMIN, "fuzz-admin-token-0123456789");

  @TempDir static Path temp;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> {
      config.getAuth().setTokens(List.of(new TokenConfig(TOKENS.get(Caller.READER), Set.of(Role.READER), "reader"),
          new TokenConfig(TOKENS.get(Caller.WRITER), Set.of(Role.WRITER), "writer"),
          new TokenConfig(TOKENS.get(Caller.ADMIN), Set.of(Role.ADMIN), "admin")));
      // Bodies over the limit cost little to send at 1 MiB; the limit's own tests are RequestSizeLimitTest's.
      config.setMaxRequestSize(DataSize.mebibytes(1));
      config.getJobs().setShutdownGrace(io.dropwizard.util.Duration.seconds(5));
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void noMutatedRequestIsA5xxOrAnErrorThatIsNotJsonOrLeftUnanswered() throws Exception {
    long seed = seed();
    int requests = Integer.getInteger("parity.fuzz.requests", 3_000);
    Duration budget = Duration.ofSeconds(Long.getLong("parity.fuzz.seconds", 30));
    System.out.println("MalformedRequestFuzzTest: seed " + seed + " (replay with -Dparity.fuzz.seed=" + seed + "), "
        + requests + " requests, at most " + budget.toSeconds() + " s");
    RequestFuzzer fuzzer = new RequestFuzzer(endpoints(), TOKENS);
    Random random = new Random(seed);
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger sent = new AtomicInteger();
    long deadline = System.nanoTime() + budget.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      // Generated here, in order, so that a seed gives the same requests whatever the threads do.
      for (int i = 0; i < requests && System.nanoTime() < deadline; i++) {
        FuzzRequest request = fuzzer.next(i, random);
        pool.submit(() -> {
          if (System.nanoTime() < deadline) {
            sent.incrementAndGet();
            check(request).ifPresent(failures::add);
          }
        });
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(budget.toSeconds() + REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS))
          .as("requests ended").isTrue();
    }

    System.out.println("MalformedRequestFuzzTest: " + sent.get() + " requests sent" + (sent.get() < requests
        ? ", stopped by the time budget" : ""));
    if (!failures.isEmpty()) {
      List<String> first = failures.stream().sorted().limit(25).toList();
      fail(failures.size() + " of " + sent.get() + " requests failed (seed " + seed + "); the first:\n"
          + String.join("\n", first));
    }
    assertThat(sent.get()).as("requests sent before the time budget ran out").isGreaterThanOrEqualTo(Math.min(requests, 300));
  }

  /** What is wrong with the answer to {@code request}, if anything. */
  private static Optional<String> check(FuzzRequest request) {
    RawHttp.Response response;
    try {
      response = RawHttp.exchange(server.port(), request.head(), request.body(), request.endInput(), REQUEST_TIMEOUT);
    } catch (UncheckedIOException e) {
      return Optional.of(request.what() + ": no answer: " + e.getCause());
    }
    String problem = problem(request, response);
    return problem == null ? Optional.empty() : Optional.of(request.what() + ": " + problem + ": "
        + response.status() + " " + shorten(response.text()));
  }

  private static String problem(FuzzRequest request, RawHttp.Response response) {
    if (response.status() >= 500) {
      return "a server error";
    }
    boolean head = new String(request.head(), 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
    String type = response.header("Content-Type");
    if (response.status() < 400) {
      // A success is JSON where it says it is (metrics are text).
      return type != null && type.startsWith("application/json") && !head && json(response) == null
          ? "a success that is not JSON" : null;
    }
    if (head) {
      return null;
    }
    if (type == null || !type.startsWith("application/json")) {
      return "an error that is not JSON (" + type + ")";
    }
    JsonNode body = json(response);
    if (body == null || !body.path("code").isInt() || !body.path("message").isTextual()) {
      return "an error without code and message";
    }
    if (body.get("code").asInt() != response.status()) {
      return "an error whose code is not its status";
    }
    String message = body.get("message").asText();
    if (message.isBlank() || message.contains("\tat ") || message.contains("Exception:")) {
      return "an error message that says nothing or shows the server's internals";
    }
    return null;
  }

  private static JsonNode json(RawHttp.Response response) {
    try {
      return TestServer.JSON.readTree(response.body());
    } catch (IOException e) {
      return null;
    }
  }

  /** Every endpoint of the application connector with a valid request. */
  private static List<Endpoint> endpoints() {
    String event = server.now.minus(10, ChronoUnit.MINUTES).toString();
    return List.of(
        new Endpoint("POST", "/get-online-features", Caller.READER, """
            {"feature_service": "driver_ranking_v1", "entities": {"driver_id": [1001, 1002], "val_to_add": [1, 2]}}""", 5),
        new Endpoint("POST", "/get-online-features", Caller.READER, """
            {"features": ["driver_hourly_stats:conv_rate", "driver_activity:trips_7d"], "entities": {"driver_id": [1001]},
             "request_data": {"val_to_add": [3]}, "full_feature_names": true}""", 3),
        new Endpoint("POST", "/push/driver_stats", Caller.WRITER, """
            {"df": {"driver_id": [1001, 1050], "event_timestamp": ["%s", "%s"], "conv_rate": [0.5, 0.25],
             "acc_rate": [0.5, 0.75], "avg_daily_trips": [4, 5], "vehicle_type": ["sedan", "suv"]}, "to": "online"}"""
            .formatted(event, event), 5),
        // Feast's forms of a push and of a write (docs/feast.md), times naive as its SDK sends them.
        new Endpoint("POST", "/push", Caller.WRITER, """
            {"push_source_name": "driver_stats", "df": {"driver_id": [1001], "event_timestamp": ["%s"],
             "conv_rate": [0.5], "acc_rate": [0.5], "avg_daily_trips": [4], "vehicle_type": ["sedan"]}, "to": "online"}"""
            .formatted(naive(event)), 3),
        new Endpoint("POST", "/write-to-online-store", Caller.WRITER, """
            {"feature_view_name": "driver_hourly_stats", "df": {"driver_id": [1001], "conv_rate": [0.5], "acc_rate": [0.9],
             "avg_daily_trips": [4], "vehicle_type": ["sedan"], "event_timestamp": ["%s"], "created": [null]},
             "allow_registry_cache": false}""".formatted(naive(event)), 4),
        new Endpoint("GET", "/health", Caller.READER, null, 1),
        new Endpoint("POST", "/materialize", Caller.WRITER, """
            {"start_ts": "2000-01-01T00:00:00Z", "end_ts": "2000-01-02T00:00:00Z", "feature_views": ["customer_profile"]}""", 1),
        new Endpoint("POST", "/materialize-incremental", Caller.WRITER, """
            {"end_ts": "2000-01-01T00:00:00Z", "feature_views": ["customer_profile"]}""", 1),
        new Endpoint("POST", "/jobs/materialize", Caller.WRITER, """
            {"start_ts": "2000-01-01T00:00:00Z", "end_ts": "2000-01-02T00:00:00Z", "feature_views": ["customer_profile"]}""", 1),
        new Endpoint("POST", "/jobs/materialize-incremental", Caller.WRITER, """
            {"end_ts": "2000-01-01T00:00:00Z", "feature_views": ["customer_profile"]}""", 1),
        // Entities that do not exist: a job that fails at once instead of building a set.
        new Endpoint("POST", "/jobs/training-set", Caller.WRITER, """
            {"features": ["driver_hourly_stats:conv_rate"], "entities": "data/no-such-entities.parquet",
             "output": "out/fuzz.parquet", "as_of_created": "2026-01-01T00:00:00Z", "plain_names": true}""", 2),
        new Endpoint("GET", "/jobs/1-abcdef?wait_seconds=0", Caller.READER, null, 2),
        new Endpoint("GET", "/jobs", Caller.READER, null, 1),
        new Endpoint("GET", "/runs?kind=materialization&status=succeeded&limit=5&offset=0", Caller.READER, null, 2),
        new Endpoint("GET", "/registry/feature-views", Caller.READER, null, 1),
        new Endpoint("GET", "/registry/feature-services/driver_ranking_v1", Caller.READER, null, 1),
        new Endpoint("GET", "/registry/plan", Caller.READER, null, 1),
        new Endpoint("POST", "/registry/apply", Caller.ADMIN, null, 1),
        new Endpoint("GET", "/feature-services/driver_ranking_v1/defaults", Caller.READER, null, 1),
        new Endpoint("GET", "/feature-defaults?features=driver_hourly_stats:conv_rate,driver_hourly_stats:acc_rate",
            Caller.READER, null, 1),
        new Endpoint("POST", "/reports/skew", Caller.WRITER, """
            {"service": "driver_ranking_v1", "reference": "data/no-such-reference.parquet",
             "current": "data/no-such-current.parquet"}""", 1),
        new Endpoint("POST", "/reports/consistency", Caller.WRITER, """
            {"service": "driver_ranking_v1", "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}""", 1),
        new Endpoint("GET", "/reports?service=driver_ranking_v1&limit=5", Caller.READER, null, 1),
        new Endpoint("GET", "/reports/1", Caller.READER, null, 1),
        new Endpoint("POST", "/models/fuzz_model/versions", Caller.WRITER, """
            {"version": "1", "training_set_id": 999999, "artifact_uri": "s3://m/1", "metrics": {"auc": 0.9}}""", 1),
        new Endpoint("POST", "/models/fuzz_model/versions/1/metrics", Caller.WRITER, """
            {"metrics": {"auc": 0.91}, "observed_at": "2026-01-01T00:00:00Z"}""", 1),
        new Endpoint("POST", "/models/fuzz_model/aliases/challenger", Caller.WRITER, """
            {"version": "1"}""", 1),
        new Endpoint("GET", "/models", Caller.READER, null, 1),
        new Endpoint("GET", "/models/fuzz_model/compare?versions=1,2", Caller.READER, null, 1),
        new Endpoint("GET", "/models/fuzz_model/versions/1/lineage", Caller.READER, null, 1),
        new Endpoint("GET", "/triggers", Caller.READER, null, 1),
        new Endpoint("POST", "/triggers/no_such_trigger/fire", Caller.ADMIN, """
            {"reason": "fuzz"}""", 1),
        new Endpoint("GET", "/metrics", Caller.READER, null, 1));
  }

  /** {@code 2026-01-31T00:00:00Z} as Feast's SDK sends it: without the offset. */
  private static String naive(String instant) {
    return instant.endsWith("Z") ? instant.substring(0, instant.length() - 1) : instant;
  }

  private static long seed() {
    String given = System.getProperty("parity.fuzz.seed");
    if (given == null || given.isBlank()) {
      return DEFAULT_SEED;
    }
    return given.equals("random") ? new Random().nextLong() : Long.parseLong(given.trim());
  }

  private static String shorten(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
