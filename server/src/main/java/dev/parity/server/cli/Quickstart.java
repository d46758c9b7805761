package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import dev.parity.ParityException;
import dev.parity.client.ParityClient;
import dev.parity.client.PushResult;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.sample.SampleDataGenerator;
import dev.parity.offline.sample.SampleDataOptions;
import dev.parity.offline.sample.SampleDataSummary;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.registry.metadata.TriggerRunDetail;
import dev.parity.reports.consistency.ConsistencyReport;
import dev.parity.reports.consistency.ConsistencyReportHtml;
import dev.parity.reports.consistency.ConsistencyReportText;
import dev.parity.reports.skew.SkewReport;
import dev.parity.reports.skew.SkewReportHtml;
import dev.parity.reports.skew.SkewReportText;
import dev.parity.server.core.MaterializationResult;
import dev.parity.server.core.MaterializationService;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.StoreFactory;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.core.TrainingSetSummary;
import dev.parity.server.health.RedisHealthCheck;
import dev.parity.server.models.ModelsService;
import dev.parity.server.models.ModelsText;
import dev.parity.server.reports.ConsistencyReportService;
import dev.parity.server.reports.ReportGauges;
import dev.parity.server.reports.SkewReportService;
import dev.parity.server.reports.SkewSide;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole story on sample data, for a newcomer: writes the {@code examples/drivers} repository
 * (definitions, the loop's trigger and gates, the sample training hook; bundled in the jar) to a
 * directory, generates 30 days of sample data ending at the current hour, validates and applies
 * the definitions to the embedded registry, builds a training set, materializes the online views
 * to Redis, serves them over HTTP and looks drivers up through plain HTTP and the Java client,
 * compares what is served with the offline path (consistency report), pushes a second batch of
 * driver stats with a planted drift and finds it (skew report), lets the server's scheduler fire
 * the {@code new_data} trigger whose hook "trains" and registers a model, promotes it through its
 * gates and prints its lineage. Each step is the service, endpoint or client call a user would
 * make; nothing here is quickstart-only but the sequencing and narration.
 *
 * <p>Idempotent: a directory an earlier quickstart wrote is started over (its data, registry,
 * outputs and models removed first), so every run tells the same story. Redis: the repository's
 * {@code online.redis} (or {@code PARITY_REDIS_URL}) when something answers there; otherwise a
 * real {@code redis-server} (the installed one, else the one bundled in the jar) on a free
 * loopback port. The server and that Redis stop at the end, unless {@code keepServer}: then they
 * serve until the process is stopped. Not thread-safe.
 */
final class Quickstart {
  static final String SERVICE = "driver_ranking_v1";
  static final List<Long> DRIVERS = List.of(1001L, 1002L, 1003L);
  /** Entities the consistency report looks up online and recomputes offline. */
  static final int CONSISTENCY_SAMPLE = 50;
  static final String TRAINING = "training/" + SERVICE + ".parquet";
  static final String TRAINING_NEW = "training/" + SERVICE + "-new-stats.parquet";
  static final String CONSISTENCY_HTML = "reports/consistency-report.html";
  static final String SKEW_HTML = "reports/skew-report.html";
  private static final List<String> DEFINITION_FILES = List.of("parity.yaml", "drivers.yaml", "loop.yaml");
  private static final String HOOK = "train.sh";
  /** What a quickstart writes besides its definitions, removed when it starts over. */
  private static final List<String> OUTPUTS = List.of("data", "training", "reports", "models", ".parity");
  private static final String RESOURCES = "/dev/parity/server/quickstart/";
  private static final Duration DATA_SPAN = Duration.ofDays(30);
  private static final Duration LOOP_TIMEOUT = Duration.ofMinutes(3);
  private static final int STEPS = 12;

  private final SourceSchemaResolver schemas;
  private final Map<String, String> environment;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final ServerLauncher launcher;
  private int step;

  Quickstart(SourceSchemaResolver schemas, Map<String, String> environment, Clock clock, PrintStream out,
      PrintStream err, boolean terminal, ServerLauncher launcher) {
    this.launcher = requireNonNull(launcher, "launcher is null");
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
   * @param keepServer leave the HTTP server (and a Redis started for it) running at the end
   * @throws ParityException if the directory holds other definitions, Redis cannot be had, or a
   *     step fails (the message says which)
   */
  void run(Path directory, boolean keepServer) {
    Path dir = directory.toAbsolutePath().normalize();
    refuseOtherDefinitions(dir);
    boolean again = startOver(dir);
    writeRepository(dir);
    Instant end = clock.instant().truncatedTo(ChronoUnit.HOURS);
    out.printf("Parity quickstart in %s%s%n", dir, again ? " (started over: an earlier run's data, registry and "
        + "outputs removed)" : "");

    next("sample data: 30 days of driver stats and trips up to " + end + " (seed 42)");
    SampleDataSummary data = new SampleDataGenerator(SampleDataOptions.small(42).withDataEnd(end), err, terminal)
        .generate(dir);
    out.printf("    %,d driver stats rows, %,d trips, %,d customer profile rows, %,d entity rows under %s%n",
        data.statsRows(), data.tripRows(), data.customerProfileRows(), data.entityRows(), dir.resolve("data"));

    RepositoryService repositories = new RepositoryService(schemas, environment, clock);
    FeatureRepository loaded = repositories.load(dir);
    RedisChoice redis = RedisChoice.of(loaded, dir);
    Map<String, String> variables = redis.started() == null ? environment
        : with(environment, RepositoryConfig.REDIS_URL_ENV, redis.started().url());
    boolean kept = false;
    try {
      kept = run(new RepositoryService(schemas, variables, clock), variables, dir, end, redis, keepServer);
    } finally {
      if (!kept) {
        redis.close();
      }
    }
    out.println();
    out.println("Next: the same steps one by one (README, \"The command line\"), or serve it over HTTP:");
    out.printf("    ./parity server -r %s%n", dir);
  }

  /** Returns whether the server was left running. */
  private boolean run(RepositoryService repositories, Map<String, String> variables, Path dir, Instant end,
      RedisChoice redis, boolean keepServer) {
    next("validate the definitions");
    out.println("    " + repositories.validate(dir).render().strip());

    next("apply them to the registry (" + repositories.load(dir).config().registryUrl() + ")");
    out.println("    " + indent(repositories.apply(dir).render()));

    FeatureRepository repository = repositories.load(dir);
    try (RepositoryStores stores = new StoreFactory(clock).open(repository)) {
      Path training = dir.resolve(TRAINING);
      next("validate the data, then build the training set of feature service " + SERVICE
          + ", point-in-time correct");
      out.println("    " + indent(buildTrainingSet(repository, stores, training)));

      Instant start = end.minus(DATA_SPAN);
      next("materialize the online views for " + start + " .. " + end + " to Redis at " + redis.describe());
      ProgressLine written = new ProgressLine(err, "materialize", terminal, clock);
      MaterializationResult materialized = new MaterializationService(stores)
          .materialize(repository, start, end, Optional.empty(), written);
      written.finish();
      out.println("    " + indent(materialized.render()));

      next("serve them over HTTP (parity server, in this process) and look drivers " + DRIVERS
          + " up: plain HTTP, then the Java client");
      QuickstartServer server = QuickstartServer.start(launcher, dir, variables, clock, err);
      boolean keep = false;
      try (ParityClient client = ParityClient.builder().baseUrl(server.url()).deadline(Duration.ofSeconds(30)).build()) {
        out.printf("    serving at %s (admin port %d)%n", server.url(), server.adminPort());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        new QuickstartLookups(http, client, server.url(), out).run(SERVICE, DRIVERS);
        loop(repository, stores, dir, http, client, server);
        keep = keepServer;
        if (keep) {
          out.println();
          out.printf("The server keeps serving %s at %s (admin port %d)%s; Ctrl-C stops it.%n", dir, server.url(),
              server.adminPort(), redis.started() == null ? "" : ", with its Redis at " + redis.started().url());
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            redis.close();
          }, "parity-quickstart-stop"));
        }
      } finally {
        if (!keep) {
          server.close();
        }
      }
      return keep;
    }
  }

  /** Steps 7 to 12: the reports, the new batch, the trigger, the promotion and the lineage. */
  private void loop(FeatureRepository repository, RepositoryStores stores, Path dir, HttpClient http,
      ParityClient client, QuickstartServer server) {
    next("consistency report: " + CONSISTENCY_SAMPLE + " drivers looked up online now and recomputed by the offline "
        + "path, every mismatch with its cause");
    ConsistencyReportService consistency = new ConsistencyReportService(stores);
    ConsistencyReport checked = consistency.sample(repository, SERVICE, CONSISTENCY_SAMPLE);
    Path consistencyHtml = ReportFiles.write(dir.resolve(CONSISTENCY_HTML), new ConsistencyReportHtml().render(checked));
    long consistencyId = consistency.record(repository, checked);
    out.println("    " + indent(ConsistencyReportText.render(checked)));
    out.printf("    Recorded as report %d. HTML report: %s%n", consistencyId, consistencyHtml);

    String project = repository.config().project();
    QuickstartLoop loop = new QuickstartLoop(stores.metadata(), project);
    // The trigger fires on files that differ from those its first look saw: the push must come after it.
    loop.awaitWatching(LOOP_TIMEOUT);
    next("a second batch of driver stats arrives, pushed offline through the Java client: the upstream re-delivers "
        + "the 30 days with " + QuickstartNewStats.DRIFTED + " counted per week (x" + QuickstartNewStats.FACTOR
        + "), a planted drift");
    for (PushResult pushed : QuickstartNewStats.push(client, QuickstartNewStats.batch(repository))) {
      out.println("    " + pushed.text().strip());
    }

    next("skew report: the training set of step 4 against the same entities' training set on the new data");
    out.println("    " + indent(buildTrainingSet(repository, stores, dir.resolve(TRAINING_NEW))));
    SkewReportService skew = new SkewReportService(stores, ReportGauges.unread());
    SkewReportService.Inputs sides = skew.resolve(repository, SERVICE,
        new SkewSide.Parquet(dir.resolve(TRAINING).toString()), new SkewSide.Parquet(dir.resolve(TRAINING_NEW).toString()),
        SkewReportService.Caller.CLI);
    SkewReport drift = skew.compare(repository, SERVICE, sides);
    Path skewHtml = ReportFiles.write(dir.resolve(SKEW_HTML), new SkewReportHtml().render(drift));
    long skewId = skew.record(repository, drift, sides);
    out.println("    " + indent(SkewReportText.render(drift)));
    out.printf("    Recorded as report %d. HTML report: %s%n", skewId, skewHtml);

    next("the server's scheduler fires trigger " + QuickstartLoop.TRIGGER + " (new_data, loop.yaml) on the new file: "
        + "data validation, a training set, then the hook ./" + HOOK + " \"trains\" and registers a model over HTTP");
    TriggerRunDetail run = loop.awaitRun(LOOP_TIMEOUT);
    TriggerCommand.print(indented(), run);
    run.run().hookResult().map(hook -> hook.path("output").asText("").strip()).filter(text -> !text.isEmpty())
        .ifPresent(text -> out.println("    hook output:\n      " + text.replace("\n", "\n      ")));
    if (run.models().isEmpty()) {
      throw new ParityException("the run of trigger " + QuickstartLoop.TRIGGER + " registered no model"
          + run.run().error().map(e -> ": " + e).orElse(""));
    }
    String version = run.models().get(0).version();

    next("promote " + QuickstartLoop.MODEL + " " + version + " to '" + QuickstartLoop.ALIAS + "' through the gates of "
        + "loop.yaml (POST /models/" + QuickstartLoop.MODEL + "/aliases/" + QuickstartLoop.ALIAS + ")");
    out.println("    " + indent(QuickstartLoop.promote(http, server.url(), version).text()));

    next("the lineage of " + QuickstartLoop.MODEL + ":" + version + " (parity lineage --model " + QuickstartLoop.MODEL
        + ":" + version + ")");
    out.println("    " + indent(ModelsText.lineage(new ModelsService(stores.metadata(), () -> repository)
        .lineage(QuickstartLoop.MODEL, version))));
  }

  private String buildTrainingSet(FeatureRepository repository, RepositoryStores stores, Path output) {
    ProgressLine progress = new ProgressLine(err, "training-set", terminal, clock);
    TrainingSetSummary training = new TrainingSetService(stores).build(repository,
        TrainingSetSpec.of(FeatureSelector.service(SERVICE), repository.root().resolve("data/entities.parquet"), output),
        progress);
    progress.finish();
    return training.render();
  }

  private void next(String what) {
    step++;
    out.printf("%n[%d/%d] %s%n", step, STEPS, what);
    out.flush();
  }

  private static String indent(String text) {
    return text.strip().replace("\n", "\n    ");
  }

  /** {@code out} with every line indented as the steps' results are. */
  private PrintStream indented() {
    return new PrintStream(new java.io.OutputStream() {
      private boolean lineStart = true;

      @Override
      public void write(int b) {
        if (lineStart) {
          out.print("    ");
        }
        out.write(b);
        lineStart = b == '\n';
      }
    }, true, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Removes what an earlier quickstart wrote in {@code dir}, recognised by its definitions: a
   * directory without them is left alone (and refused later if it holds other definitions).
   * Returns whether there was an earlier run.
   */
  private static boolean startOver(Path dir) {
    try {
      Path config = dir.resolve("parity.yaml");
      if (!Files.isRegularFile(config) || !java.util.Arrays.equals(Files.readAllBytes(config), bundled("parity.yaml"))) {
        return false;
      }
      for (String name : OUTPUTS) {
        delete(dir.resolve(name));
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start over in " + dir, e);
    }
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Refuses a directory holding definitions (or a hook) other than the quickstart's, before anything is touched. */
  private static void refuseOtherDefinitions(Path dir) {
    try {
      for (String name : Stream.concat(DEFINITION_FILES.stream(), Stream.of(HOOK)).toList()) {
        Path target = dir.resolve(name);
        if (Files.exists(target) && !java.util.Arrays.equals(Files.readAllBytes(target), bundled(name))) {
          throw new ParityException(target + " exists and is not the quickstart's " + name
              + "; run the quickstart in another directory (-r DIR) or remove it");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the repository files under " + dir, e);
    }
  }

  /** Writes the bundled repository files and makes the hook executable. */
  private static void writeRepository(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String name : DEFINITION_FILES) {
        Files.write(dir.resolve(name), bundled(name));
      }
      Path hook = dir.resolve(HOOK);
      Files.write(hook, bundled(HOOK));
      Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
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
