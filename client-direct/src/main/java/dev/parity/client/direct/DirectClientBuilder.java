package dev.parity.client.direct;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.OnlineConfig;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.online.NearCacheSettings;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.registry.Registry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Configures a {@link DirectClient}. Only the repository directory is required; Redis is the one
 * its {@code parity.yaml} names (after {@code PARITY_REDIS_URL}), standalone or cluster, unless
 * {@link #redis} says otherwise. Not thread-safe; build once.
 */
public final class DirectClientBuilder {
  private Path repository;
  private Map<String, String> environment = System.getenv();
  private SourceSchemaResolver schemas = SourceSchemaResolver.none();
  private RedisConnectionConfig redis;
  private NearCacheSettings nearCache = NearCacheSettings.disabled();
  private Registry registry;
  private Duration refreshInterval;
  private Clock clock = Clock.systemUTC();

  DirectClientBuilder() {}

  /** The feature repository directory (its {@code parity.yaml} and definitions): required. */
  public DirectClientBuilder repository(Path directory) {
    this.repository = requireNonNull(directory, "directory is null");
    return this;
  }

  /**
   * Overrides of {@code parity.yaml} ({@code PARITY_REDIS_URL}, a comma-separated list for a
   * cluster; {@code PARITY_REGISTRY_URL}); {@code System.getenv()} by default.
   */
  public DirectClientBuilder environment(Map<String, String> environment) {
    this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    return this;
  }

  /**
   * Finds the schemas of sources that declare none (Parquet files), as the server's loader does.
   * By default only declared schemas are known; a lookup needs the join key types of its views, so
   * a view over a Parquet source without a declared {@code schema:} is refused ({@link
   * dev.parity.client.BadRequestException}) unless its schema is resolved here, e.g. with the
   * offline module's {@code ParquetSchemaResolver} (which brings Parquet and Hadoop along), or
   * declared in the definitions.
   */
  public DirectClientBuilder sourceSchemas(SourceSchemaResolver schemas) {
    this.schemas = requireNonNull(schemas, "schemas is null");
    return this;
  }

  /**
   * Redis as {@code connection} says (one server or a cluster's seed nodes, timeouts, pool size)
   * instead of the repository's {@code online:} section. The socket timeout bounds each lookup.
   */
  public DirectClientBuilder redis(RedisConnectionConfig connection) {
    this.redis = requireNonNull(connection, "connection is null");
    return this;
  }

  /** An in-process cache of Redis reads (the server's near cache); off by default. */
  public DirectClientBuilder nearCache(NearCacheSettings settings) {
    this.nearCache = requireNonNull(settings, "settings is null");
    return this;
  }

  /**
   * Checks the repository against {@code registry}, as the server does: objects it adds or
   * changes are refused until applied. Open it with {@code
   * RegistryDatabase.open(url, pools).registry(clock)}; the caller closes it after the client.
   * Without a registry every object of the repository is served as it is.
   */
  public DirectClientBuilder registry(Registry registry) {
    this.registry = requireNonNull(registry, "registry is null");
    return this;
  }

  /**
   * Calls {@link DirectClient#refresh()} every {@code interval} on a thread of the client's own;
   * a failed refresh keeps the definitions served before ({@link DirectClient#lastRefreshFailure()}).
   * Off by default: call {@code refresh()} when the definitions are applied.
   */
  public DirectClientBuilder refreshEvery(Duration interval) {
    requireNonNull(interval, "interval is null");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the refresh interval must be positive, got " + interval);
    }
    this.refreshInterval = interval;
    return this;
  }

  /** The clock value ages are judged by ({@code OUTSIDE_MAX_AGE}); the system's by default. */
  public DirectClientBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock is null");
    return this;
  }

  /**
   * Loads the repository (checking it against the registry, when given) and opens its Redis pool.
   *
   * @throws IllegalStateException no repository directory was given
   * @throws dev.parity.definitions.DefinitionException the repository does not load
   * @throws dev.parity.online.OnlineStoreUnavailableException a cluster's seed nodes cannot be reached
   * @throws dev.parity.registry.RegistryUnavailableException the registry cannot be reached
   */
  public DirectClient build() {
    if (repository == null) {
      throw new IllegalStateException("give the feature repository directory: repository(Path.of(\"feature_repo\"))");
    }
    RepositoryLoader loader = new RepositoryLoader(SourceSchemaResolver.declaredOr(schemas), environment);
    FeatureRepository definitions = loader.load(repository);
    RedisConnectionConfig connection = redis != null ? redis : connection(definitions.config().online());
    OnlineStore store = RedisOnlineStoreFactory.create(connection,
        OnlineStoreSettings.defaults(definitions.config().project()).withNearCache(nearCache), clock,
        Ticker.systemTicker());
    List<ExecutorService> owned = new ArrayList<>();
    ExecutorService executor = Executors.newCachedThreadPool(daemon("parity-direct-"));
    owned.add(executor);
    ScheduledExecutorService refresher = null;
    if (refreshInterval != null) {
      refresher = Executors.newSingleThreadScheduledExecutor(daemon("parity-direct-refresh-"));
      owned.add(refresher);
    }
    DirectClient client;
    try {
      client = new DirectClient(repository, loader, definitions, registry, store, true, clock, executor, owned);
    } catch (RuntimeException failure) {
      owned.forEach(ExecutorService::shutdownNow);
      store.close();
      throw failure;
    }
    if (refresher != null) {
      long nanos = refreshInterval.toNanos();
      refresher.scheduleWithFixedDelay(client::refreshQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
    }
    return client;
  }

  private static RedisConnectionConfig connection(OnlineConfig online) {
    return online.isCluster() ? RedisConnectionConfig.cluster(online.cluster())
        : RedisConnectionConfig.standalone(online.redis().orElseThrow());
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
