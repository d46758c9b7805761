package dev.parity.server;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.online.OnlineStore;
import dev.parity.online.servinglog.ServingLogger;
import dev.parity.registry.Registry;
import dev.parity.registry.jdbi.RegistryDatabase;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.server.api.RequestJson;
import dev.parity.server.app.BindAddresses;
import dev.parity.server.app.EndpointLatency;
import dev.parity.server.app.RequestSizeLimit;
import dev.parity.server.cli.ApplyCommand;
import dev.parity.server.cli.CliErrors;
import dev.parity.server.cli.CliLogging;
import dev.parity.server.cli.CodegenCommand;
import dev.parity.server.cli.GetOnlineCommand;
import dev.parity.server.cli.JobServices;
import dev.parity.server.cli.LineageCommand;
import dev.parity.server.cli.MaterializeCommand;
import dev.parity.server.cli.MaterializeIncrementalCommand;
import dev.parity.server.cli.ModelsCommand;
import dev.parity.server.cli.ParityCli;
import dev.parity.server.cli.PlanCommand;
import dev.parity.server.cli.PushCommand;
import dev.parity.server.cli.QuickstartCommand;
import dev.parity.server.cli.ConsistencyReportCommand;
import dev.parity.server.cli.RunsCommand;
import dev.parity.server.cli.SkewReportCommand;
import dev.parity.server.cli.TrainingSetCommand;
import dev.parity.server.cli.TriggerCommand;
import dev.parity.server.cli.TriggersCommand;
import dev.parity.server.cli.ValidateCommand;
import dev.parity.server.core.AllowedPaths;
import dev.parity.server.core.MaterializationService;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.ServedDefinitions;
import dev.parity.server.core.StoreFactory;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.db.RegistryPool;
import dev.parity.server.feast.FeastErrors;
import dev.parity.server.feast.FeastFactory;
import dev.parity.server.feast.FeastPushResource;
import dev.parity.server.feast.FeastWriteResource;
import dev.parity.server.feast.HealthResource;
import dev.parity.server.health.LockFreeMetricRegistry;
import dev.parity.server.health.RegistryHealthCheck;
import dev.parity.server.jobs.JobManager;
import dev.parity.server.lookup.HandlerPlacement;
import dev.parity.server.lookup.LookupService;
import dev.parity.server.lookup.OnlineFeaturesHandler;
import dev.parity.server.mappers.JsonErrorHandlers;
import dev.parity.server.mappers.JsonErrorMapper;
import dev.parity.server.mappers.ParityExceptionMapper;
import dev.parity.server.mappers.UnexpectedExceptionMapper;
import dev.parity.server.mappers.UnreadBodyFilter;
import dev.parity.server.mappers.WebApplicationExceptionMapper;
import dev.parity.server.push.PushService;
import dev.parity.server.resources.DefaultsResource;
import dev.parity.server.resources.JobsRejectedMapper;
import dev.parity.server.resources.JobsResource;
import dev.parity.server.resources.ReportsResource;
import dev.parity.server.reports.ConsistencyReportService;
import dev.parity.server.reports.ReportGauges;
import dev.parity.server.reports.SkewReportService;
import dev.parity.server.resources.MaterializationResource;
import dev.parity.server.resources.MetricsResource;
import dev.parity.server.resources.PushResource;
import dev.parity.server.resources.RegistryResource;
import dev.parity.server.models.ModelsFeature;
import dev.parity.server.models.ModelsService;
import dev.parity.server.resources.RunsResource;
import dev.parity.server.triggers.TriggerService;
import dev.parity.server.triggers.TriggersResource;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.lifecycle.Managed;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Parity executable: the HTTP server and every CLI command (docs/cli.md) are Dropwizard
 * commands of this application, sharing the services built here.
 */
public final class ParityApplication extends Application<ParityConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(ParityApplication.class);
  /** The name Dropwizard's default server gives its application connectors. */
  private static final String APPLICATION_CONNECTOR = "application";
  /** Selectors per core of the application connectors when not configured (lookups run on them). */
  static final int LOOKUP_SELECTORS_PER_CORE = 2;
  private final Map<String, String> environment;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  /** The application as the launcher runs it: process environment, system clock, stdout/stderr. */
  public ParityApplication() {
    this(System.getenv(), Clock.systemUTC(), System.out, System.err);
  }

  /**
   * An application with its environment ({@code PARITY_REGISTRY_URL}...), clock and output
   * streams given, for embedding and tests.
   */
  public ParityApplication(Map<String, String> environment, Clock clock, PrintStream out, PrintStream err) {
    this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    this.clock = requireNonNull(clock, "clock is null");
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
  }

  public static void main(String[] args) throws Exception {
    new ParityApplication().run(args);
  }

  /**
   * Runs the command line as Dropwizard's {@code Application.run} does, but through {@link
   * ParityCli}, whose usage lines name the program {@code parity} (as users type it) rather than
   * {@code java -jar parity.jar}; a failed command exits with status 1 ({@link #onFatalError}).
   */
  @Override
  public void run(String... arguments) throws Exception {
    Bootstrap<ParityConfiguration> bootstrap = new Bootstrap<>(this);
    addDefaultCommands(bootstrap);
    initialize(bootstrap);
    bootstrap.registerMetrics();
    new ParityCli(bootstrap, out, err).run(arguments).ifPresent(this::onFatalError);
  }

  /** Commands log warnings only, to stderr: their stdout is their result. */
  @Override
  protected void bootstrapLogging() {
    CliLogging.configure();
  }

  @Override
  public String getName() {
    return "parity";
  }

  @Override
  public void initialize(Bootstrap<ParityConfiguration> bootstrap) {
    bootstrap.setMetricRegistry(new LockFreeMetricRegistry());
    RepositoryService repositories = new RepositoryService(new ParquetSchemaResolver(), environment, clock);
    CliErrors errors = new CliErrors(err, clock);
    bootstrap.addCommand(new ValidateCommand(repositories, out, errors));
    bootstrap.addCommand(new PlanCommand(repositories, out, errors));
    bootstrap.addCommand(new ApplyCommand(repositories, out, errors));
    JobServices jobs = new JobServices(repositories, new StoreFactory(clock), out, err, errors);
    bootstrap.addCommand(new MaterializeCommand(jobs, environment));
    bootstrap.addCommand(new MaterializeIncrementalCommand(jobs, environment));
    bootstrap.addCommand(new TrainingSetCommand(jobs, environment));
    bootstrap.addCommand(new GetOnlineCommand(jobs));
    bootstrap.addCommand(new CodegenCommand(jobs));
    bootstrap.addCommand(new PushCommand(jobs));
    bootstrap.addCommand(new SkewReportCommand(jobs));
    bootstrap.addCommand(new ConsistencyReportCommand(jobs));
    bootstrap.addCommand(new ModelsCommand(jobs, environment));
    bootstrap.addCommand(new LineageCommand(jobs));
    bootstrap.addCommand(new TriggerCommand(jobs, environment));
    bootstrap.addCommand(new TriggersCommand(jobs));
    bootstrap.addCommand(new RunsCommand(jobs));
    bootstrap.addCommand(new QuickstartCommand(new ParquetSchemaResolver(), environment, clock, out, err, errors,
        new InProcessServer()));
  }

  @Override
  protected void addDefaultCommands(Bootstrap<ParityConfiguration> bootstrap) {
    // Dropwizard's server command requires a configuration file; ours takes -r and defaults.
    bootstrap.addCommand(new ServeCommand(this));
    bootstrap.addCommand(new CheckCommand<>(this));
  }

  /**
   * Builds the server once: loads the repository, opens its registry and online store (both
   * closed on shutdown, running jobs of this process marked interrupted first), starts the serving
   * log and the job executor if configured, and registers the resources, error mappers and JSON
   * error pages, the request body limit, the reading rules of request JSON ({@link RequestJson}),
   * authentication, per-endpoint latency histograms and health checks.
   *
   * @throws IllegalStateException if an application or admin connector listens beyond loopback
   *     while no auth tokens are configured
   * @throws dev.parity.ParityException if the repository is missing or invalid, or the registry
   *     cannot be opened
   */
  @Override
  public void run(ParityConfiguration configuration, Environment environment) {
    requireAuthenticationBeyondLoopback(configuration);
    RequestJson.configure(environment.getObjectMapper());
    RepositoryService repositories = new RepositoryService(new ParquetSchemaResolver(),
        configuration.repositoryEnvironment(this.environment), clock);
    FeatureRepository repository = repositories.load(configuration.repositoryPath());
    RegistryDatabase database = RegistryDatabase.open(repository.config().registryUrl(), repository.root(),
        RegistryPool.metered(environment.metrics()));
    MetadataStore metadata = database.metadata(clock);
    // A server or command killed on this host left its runs RUNNING: set the record straight.
    int orphaned = metadata.interruptRunsOfDeadProcesses();
    if (orphaned > 0) {
      LOG.warn("Marked {} run(s) interrupted at start: the process running them is gone", orphaned);
    }
    environment.lifecycle().manage(new Managed() {
      @Override
      public void stop() {
        int interrupted = metadata.interruptOwnRuns("the server shut down");
        if (interrupted > 0) {
          LOG.warn("Marked {} running job(s) of this server interrupted", interrupted);
        }
        database.close();
      }
    });
    environment.healthChecks().register("registry", new RegistryHealthCheck(database));
    Registry registry = database.registry(clock);
    OnlineStore store = configuration.getRedis().build(environment, repository.config().online(),
        repository.config().project(), clock);
    Optional<ServingLogger> servingLog = configuration.getServingLog().build(environment,
        repository.config().offlineDirectory(repository.root()), clock);
    ServedDefinitions served = new ServedDefinitions(store, repository, repositories.plan(repository, registry).plan(),
        servingLog, clock);

    if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
      // Ours answer every failure as {"code", "message"}; Dropwizard's would answer some as text.
      server.setRegisterDefaultExceptionMappers(false);
    }
    JerseyEnvironment jersey = environment.jersey();
    jersey.register(new ParityExceptionMapper());
    jersey.register(new JsonErrorMapper());
    jersey.register(new WebApplicationExceptionMapper());
    jersey.register(new UnexpectedExceptionMapper());
    jersey.register(new UnreadBodyFilter());
    configuration.getAuth().register(jersey);
    configuration.getAuth().registerAdmin(environment.admin(), environment.getObjectMapper());
    EndpointLatency latency = new EndpointLatency(environment.metrics(), Ticker.systemTicker());
    jersey.register(latency);
    FeastErrors feastErrors = new FeastErrors(configuration.getFeast().getErrorFormat(), environment.getObjectMapper());
    // The lookup is answered in front of Jersey (see OnlineFeaturesHandler): same auth, errors, metrics.
    long maxRequestBytes = configuration.getMaxRequestSize().toBytes();
    installHandlers(configuration, environment, new OnlineFeaturesHandler(lookupPlacement(configuration),
        jerseyRoot(configuration), new LookupService(served, environment.metrics()), configuration.getMaxEntityRows(),
        Math.toIntExact(maxRequestBytes), configuration.getAuth().authenticator(), environment.getObjectMapper(),
        environment.metrics(), latency.histogram(OnlineFeaturesHandler.latencyMetric()), Ticker.systemTicker(), feastErrors),
        new RequestSizeLimit(maxRequestBytes));
    jersey.register(new RegistryResource(repositories, registry, repository.root(), served));
    jersey.register(new DefaultsResource(served));
    jersey.register(new MetricsResource(environment.metrics()));
    // Jobs get stores of their own (a registry pool and a Redis pool for their batch writes), so
    // a long materialization does not take connections from lookups.
    RepositoryStores jobStores = new StoreFactory(clock).open(repository);
    jobStores.removeDeadWorkFolders();
    environment.lifecycle().manage(new Managed() {
      @Override
      public void stop() {
        jobStores.close();
      }
    });
    MaterializationService materializations = new MaterializationService(jobStores);
    jersey.register(new MaterializationResource(materializations, served));
    // Registered after the stores, so stopped before them: jobs end (or are interrupted) first.
    JobManager jobs = configuration.getJobs().build(environment, repository.config().project(), jobStores::metadata,
        clock);
    // Paths named in requests stay inside these directories; the CLI's user may name any file.
    AllowedPaths paths = configuration.getPaths().build(repository.root());
    TrainingSetService trainingSets = new TrainingSetService(jobStores);
    jersey.register(new JobsResource(jobs, materializations, trainingSets, served, paths));
    // Reports run as jobs on the job stores; their gauges show the latest stored report's numbers,
    // read back now so that a restart does not blank what metric triggers watch.
    ReportGauges reportGauges = new ReportGauges(environment.metrics());
    LOG.info("Report gauges restored from {} stored reports", reportGauges.restore(metadata, repository));
    jersey.register(new ReportsResource(jobs, new ConsistencyReportService(jobStores, reportGauges),
        new SkewReportService(jobStores, reportGauges), metadata, served, paths));
    // Trigger runs are recorded through the server's metadata store, so the shutdown above marks
    // those still running interrupted; the trigger threads stop first (managed later, stopped earlier).
    TriggerService triggers = configuration.getTriggers().build(environment, served::repository, registry, metadata,
        trainingSets, configuration.repositoryEnvironment(this.environment), clock);
    jersey.register(new TriggersResource(triggers));
    jersey.register(new JobsRejectedMapper());
    jersey.register(new RunsResource(metadata, served));
    // A model's on_promote hooks read their secrets where the trigger hooks do.
    jersey.register(new ModelsFeature(new ModelsService(metadata, served::repository, Optional.of(
        new dev.parity.server.triggers.Hooks(configuration.repositoryEnvironment(this.environment), clock,
            dev.parity.server.triggers.Hooks::sleep))), clock));
    PushService pushService = new PushService(jobStores);
    PushResource pushes = new PushResource(pushService, served, configuration.getMaxEntityRows(), environment.metrics());
    jersey.register(pushes);
    registerFeast(configuration, environment, pushes, pushService, served, feastErrors);
    LOG.info("Serving feature repository {} (project '{}', registry {}, authentication {})", repository.root(),
        repository.config().project(), database.url(), configuration.getAuth().enabled() ? "on" : "off");
  }

  /** Feast's endpoints that Parity has under other names or not at all (docs/feast.md). */
  private static void registerFeast(ParityConfiguration configuration, Environment environment, PushResource pushes,
      PushService pushService, ServedDefinitions served, FeastErrors errors) {
    FeastFactory feast = configuration.getFeast();
    JerseyEnvironment jersey = environment.jersey();
    jersey.register(new FeastWriteResource(pushService, served, configuration.getMaxEntityRows(),
        feast.getComputedColumns(), errors, environment.getObjectMapper()));
    jersey.register(new FeastPushResource(pushes, feast, errors, environment.getObjectMapper()));
    jersey.register(new HealthResource(configuration.getAuth().isOpenHealthChecks() ? Optional.empty()
        : configuration.getAuth().authenticator()));
  }

  /**
   * On Dropwizard's default server, lookups are answered on the application connectors' I/O
   * threads (see {@link HandlerPlacement#ioThreads}), and those connectors get
   * {@link #LOOKUP_SELECTORS_PER_CORE} selectors per core, at most {@code redis.poolSize}, unless
   * their {@code selectorThreads} is configured: a selector waits for Redis while it answers a
   * lookup, and Jetty's own default (half the cores, at most 4) would leave cores idle meanwhile.
   * Other server layouts keep the lookup in the application context, on pool threads.
   */
  private static HandlerPlacement lookupPlacement(ParityConfiguration configuration) {
    if (!(configuration.getServerFactory() instanceof DefaultServerFactory server)) {
      return HandlerPlacement.applicationContext();
    }
    // More selectors than pooled Redis connections would only have the extra ones wait for one.
    int selectors = Math.min(LOOKUP_SELECTORS_PER_CORE * Runtime.getRuntime().availableProcessors(),
        configuration.getRedis().getPoolSize());
    for (ConnectorFactory connector : server.getApplicationConnectors()) {
      if (connector instanceof HttpConnectorFactory http && http.getSelectorThreads().isEmpty()) {
        http.setSelectorThreads(Optional.of(selectors));
      }
    }
    return HandlerPlacement.ioThreads(server.getApplicationContextPath(), APPLICATION_CONNECTOR);
  }

  /**
   * Puts the lookup handler where its placement says, the body limit in front of every handler
   * (below gzip, above the lookups) and the JSON error pages on the server and its contexts.
   */
  private static void installHandlers(ParityConfiguration configuration, Environment environment,
      OnlineFeaturesHandler lookups, RequestSizeLimit sizeLimit) {
    boolean lookupsInServer = configuration.getServerFactory() instanceof DefaultServerFactory;
    if (!lookupsInServer) {
      environment.getApplicationContext().insertHandler(lookups);
    }
    // The server is built after run(); its handler chain is complete when it starts.
    environment.lifecycle().addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server) {
          if (lookupsInServer) {
            lookups.insertInto(server);
          }
          sizeLimit.insertInto(server);
          JsonErrorHandlers.install(server, environment.getObjectMapper());
        }
      }
    });
  }

  /** Jersey's root path as the server factory will set it ({@code /} unless configured), without the {@code *}. */
  private static String jerseyRoot(ParityConfiguration configuration) {
    String pattern = configuration.getServerFactory() instanceof AbstractServerFactory server
        ? server.getJerseyRootPath().orElse("/*") : "/*";
    return pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
  }

  private static void requireAuthenticationBeyondLoopback(ParityConfiguration configuration) {
    List<String> exposed = BindAddresses.exposed(configuration.getServerFactory());
    if (!exposed.isEmpty() && !configuration.getAuth().enabled()) {
      throw new IllegalStateException("refusing to start without authentication: the server would listen on "
          + String.join(", ", exposed) + ", beyond loopback; configure auth.tokens in the server configuration "
          + "or bind the application and admin connectors to 127.0.0.1");
    }
  }
}
