package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import dev.parity.ParityException;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.sample.SampleDataGenerator;
import dev.parity.offline.sample.SampleDataOptions;
import dev.parity.offline.sample.SampleDataSummary;
import dev.parity.online.FeatureValue;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.server.core.MaterializationResult;
import dev.parity.server.core.MaterializationService;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.StoreFactory;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.core.TrainingSetSummary;
import dev.parity.server.health.RedisHealthCheck;
import dev.parity.server.lookup.LookupService;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole story on sample data, for a newcomer: writes the {@code examples/drivers} definitions
 * (bundled in the jar) to a directory, generates 30 days of sample data ending at the current
 * hour, validates and applies the definitions to the embedded registry, builds a training set,
 * materializes the online views to Redis and looks up a few drivers. Each step is the service the
 * corresponding command runs; nothing here is quickstart-only but the sequencing and narration.
 *
 * <p>Redis: the repository's {@code online.redis} (or {@code PARITY_REDIS_URL}) when something
 * answers there; otherwise a real {@code redis-server} (the installed one, else the one bundled in
 * the jar) on a free loopback port, stopped at the end. Rerunning on the same directory regenerates the data and applies nothing
 * new. Not thread-safe.
 */
final class Quickstart {
  static final String SERVICE = "driver_ranking_v1";
  static final List<Long> DRIVERS = List.of(1001L, 1002L, 1003L);
  private static final List<String> DEFINITION_FILES = List.of("parity.yaml", "drivers.yaml");
  private static final String RESOURCES = "/dev/parity/server/quickstart/";
  private static final Duration DATA_SPAN = Duration.ofDays(30);
  private static final int STEPS = 6;

  private final SourceSchemaResolver schemas;
  private final Map<String, String> environment;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;

  Quickstart(SourceSchemaResolver schemas, Map<String, String> environment, Clock clock, PrintStream out,
      PrintStream err, boolean terminal) {
    this.schemas = requireNonNull(schemas, "schemas is null");
    this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    this.clock = requireNonNull(clock, "clock is null");
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
    this.terminal = terminal;
  }

  /**
   * Runs every step on {@code directory}, created when missing.
   *
   * @throws ParityException if the directory holds other definitions, Redis cannot be had, or a
   *     step fails (the message says which)
   */
  void run(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    writeDefinitions(dir);
    Instant end = clock.instant().truncatedTo(ChronoUnit.HOURS);
    out.printf("Parity quickstart in %s%n", dir);

    step(1, "sample data: 30 days of driver stats and trips up to " + end + " (seed 42)");
    SampleDataSummary data = new SampleDataGenerator(SampleDataOptions.small(42).withDataEnd(end), err, terminal)
        .generate(dir);
    out.printf("    %,d driver stats rows, %,d trips, %,d customer profile rows, %,d entity rows under %s%n",
        data.statsRows(), data.tripRows(), data.customerProfileRows(), data.entityRows(), dir.resolve("data"));

    RepositoryService repositories = new RepositoryService(schemas, environment, clock);
    FeatureRepository loaded = repositories.load(dir);
    try (RedisChoice redis = RedisChoice.of(loaded, dir)) {
      RepositoryService services = redis.started() == null ? repositories
          : new RepositoryService(schemas, with(environment, RepositoryConfig.REDIS_URL_ENV, redis.started().url()),
              clock);
      run(services, dir, end, redis);
    }
    out.println();
    out.println("Next: the same steps one by one (README, \"Quickstart\"), or serve it over HTTP:");
    out.printf("    ./parity server -r %s%n", dir);
  }

  private void run(RepositoryService repositories, Path dir, Instant end, RedisChoice redis) {
    step(2, "validate the definitions");
    out.println("    " + repositories.validate(dir).render().strip());

    step(3, "apply them to the registry (" + repositories.load(dir).config().registryUrl() + ")");
    out.println("    " + repositories.apply(dir).render().strip().replace("\n", "\n    "));

    FeatureRepository repository = repositories.load(dir);
    try (RepositoryStores stores = new StoreFactory(clock).open(repository)) {
      Path output = dir.resolve("training").resolve(SERVICE + ".parquet");
      step(4, "training set for feature service " + SERVICE + ", point-in-time correct");
      ProgressLine progress = new ProgressLine(err, "training-set", terminal, clock);
      TrainingSetSummary training = new TrainingSetService(stores).build(repository,
          TrainingSetSpec.of(FeatureSelector.service(SERVICE), dir.resolve("data/entities.parquet"), output), progress);
      progress.finish();
      out.println("    " + training.render().strip().replace("\n", "\n    "));

      Instant start = end.minus(DATA_SPAN);
      step(5, "materialize the online views for " + start + " .. " + end + " to Redis at " + redis.describe());
      ProgressLine written = new ProgressLine(err, "materialize", terminal, clock);
      MaterializationResult materialized = new MaterializationService(stores)
          .materialize(repository, start, end, Optional.empty(), written);
      written.finish();
      out.println("    " + materialized.render().strip().replace("\n", "\n    "));

      step(6, "online lookups of " + SERVICE + " for drivers " + DRIVERS + " (request data val_to_add=1)");
      OnlineFeaturesResponse response = LookupService.open(stores).get(new OnlineFeaturesRequest(Optional.of(SERVICE),
          List.of(), Map.of("driver_id", List.<Object>copyOf(DRIVERS)), Map.of("val_to_add", List.<Object>of(1L, 1L, 1L)),
          true));
      printLookups(response);
    }
  }

  private void printLookups(OnlineFeaturesResponse response) {
    out.printf("    %-9s  %-40s  %-22s  %-15s  %s%n", "driver_id", "feature", "value", "status", "event time");
    for (int row = 0; row < DRIVERS.size(); row++) {
      for (String feature : response.featureNames()) {
        if (feature.equals("driver_id")) {
          continue;
        }
        FeatureValue value = response.column(feature).entry(row);
        out.printf("    %-9d  %-40s  %-22s  %-15s  %s%n", DRIVERS.get(row), feature, String.valueOf(value.value()),
            value.status(), value.eventTimeMicros() == FeatureValue.NO_EVENT_TIME ? "-"
                : Instant.EPOCH.plus(value.eventTimeMicros(), ChronoUnit.MICROS));
      }
    }
  }

  private void step(int number, String what) {
    out.printf("%n[%d/%d] %s%n", number, STEPS, what);
    out.flush();
  }

  /** Writes the bundled definitions; refuses a directory whose definitions are not these. */
  private static void writeDefinitions(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String name : DEFINITION_FILES) {
        byte[] bundled = bundled(name);
        Path target = dir.resolve(name);
        if (Files.exists(target) && !java.util.Arrays.equals(Files.readAllBytes(target), bundled)) {
          throw new ParityException(target + " exists and is not the quickstart's " + name
              + "; run the quickstart in another directory (-r DIR) or remove it");
        }
        Files.write(target, bundled);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the quickstart repository under " + dir, e);
    }
  }

  private static byte[] bundled(String name) throws IOException {
    try (InputStream in = Quickstart.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + RESOURCES + name + " (built from examples/drivers)");
      }
      return in.readAllBytes();
    }
  }

  private static Map<String, String> with(Map<String, String> environment, String key, String value) {
    Map<String, String> copy = new HashMap<>(environment);
    copy.put(key, value);
    return copy;
  }

  /** The Redis the quickstart uses: the configured one when it answers, else one started for it. */
  private record RedisChoice(String configured, LocalRedis started) implements AutoCloseable {
    static RedisChoice of(FeatureRepository repository, Path dir) {
      var online = repository.config().online();
      if (online.isCluster()) {
        return new RedisChoice(String.join(",", online.cluster()), null);
      }
      String url = online.redis().orElseThrow();
      boolean answers = new RedisHealthCheck(RedisConnectionConfig.standalone(url)).execute().isHealthy();
      if (answers) {
        return new RedisChoice(url, null);
      }
      String host = URI.create(url).getHost();
      if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
        throw new ParityException("nothing answers at the Redis of " + dir.resolve("parity.yaml") + " (" + url
            + "); start it or set PARITY_REDIS_URL");
      }
      return new RedisChoice(url, LocalRedis.start(dir.resolve(".parity/redis")));
    }

    String describe() {
      return started == null ? redact(configured)
          : started.url() + " (" + started.describe() + "; started for the quickstart: nothing answered at "
              + redact(configured) + "; it stops at the end)";
    }

    private static String redact(String url) {
      URI uri = URI.create(url.contains(",") ? url.substring(0, url.indexOf(',')) : url);
      return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + (url.contains(",") ? ",..." : "");
    }

    @Override
    public void close() {
      if (started != null) {
        started.close();
      }
    }
  }
}
