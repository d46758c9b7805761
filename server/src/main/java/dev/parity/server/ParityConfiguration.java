package dev.parity.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.server.app.JobsFactory;
import dev.parity.server.app.LookupQuietRequestLogFactory;
import dev.parity.server.app.PathsFactory;
import dev.parity.server.app.RedisFactory;
import dev.parity.server.app.ServingLogFactory;
import dev.parity.server.auth.AuthFactory;
import dev.parity.server.feast.FeastFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.DataSizeRange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Server configuration. The feature repository's {@code parity.yaml} is the source of truth for
 * where the registry, Redis and offline outputs are; {@code registryUrl} and {@code redisUrl}
 * here override it, and the environment ({@code PARITY_REGISTRY_URL}, {@code PARITY_REDIS_URL})
 * overrides both.
 *
 * <pre>
 * repository: /srv/features      # -r overrides it
 * maxEntityRows: 1000            # more rows in one lookup: 413
 * maxRequestSize: 16MiB          # a larger request body, on any endpoint: 413
 * redis: { connectTimeout: 1s, socketTimeout: 500ms, poolSize: 16, poolWait: 500ms,
 *          nearCache: { enabled: false, maximumSize: 100000, expireAfterWrite: 1s } }
 * auth:
 *   tokens:
 *     - { name: scorer, token: "...", roles: [reader] }
 *     - { name: ops, token: "...", roles: [admin] }
 *   openHealthChecks: false      # true: /healthcheck and /ping on the admin connector need no token
 * jobs: { workers: 2, queueCapacity: 16, retainFinished: 100, shutdownGrace: 30s, interruptWait: 10s }
 * servingLog: { enabled: false, sampleRate: 0.01, queueCapacity: 10000, maxFileAge: 10m }
 * paths: { allowed: [/data/shared] }  # where requests may name files, besides the repository
 * feast: { errorFormat: parity, computedColumns: check, pushSources: {} }  # Feast's clients (docs/feast.md)
 * server: ...                    # Dropwizard's; replaces the built-in 127.0.0.1:6566 / :6567
 * </pre>
 *
 * <p>At shutdown the server stops accepting connections, lets in-flight requests finish within
 * {@code server.shutdownGracePeriod} (30 s in the built-in configuration), then gives running
 * jobs {@code jobs.shutdownGrace} before it interrupts them, and writes the serving log's queue.
 *
 * <p>Without {@code auth.tokens} the server refuses to start unless every connector, application
 * and admin, is bound to a loopback address. With them, the admin connector takes the same
 * tokens ({@code admin} for tasks, {@code reader} for the rest), health checks included unless
 * {@code auth.openHealthChecks}.
 */
public class ParityConfiguration extends Configuration {
  /** Port of the application connector in the built-in configuration (Feast's). */
  public static final int DEFAULT_PORT = 6566;
  /** Port of the admin connector in the built-in configuration. */
  public static final int DEFAULT_ADMIN_PORT = 6567;
  public static final int DEFAULT_MAX_ENTITY_ROWS = 1000;
  /**
   * The largest request body by default: a lookup of {@code maxEntityRows} rows takes about 10 KiB,
   * a push of as many rows a few hundred KiB; far more is a mistake or an attack.
   */
  public static final DataSize DEFAULT_MAX_REQUEST_SIZE = DataSize.mebibytes(16);
  /** How long in-flight requests may take to finish at shutdown, in the built-in configuration. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.seconds(30);

  @NotEmpty
  @JsonProperty
  private String repository = ".";

  @JsonProperty
  private String registryUrl;

  @JsonProperty
  private String redisUrl;

  @Min(1)
  @Max(1_000_000)
  @JsonProperty
  private int maxEntityRows = DEFAULT_MAX_ENTITY_ROWS;

  // At most 1 GiB: a lookup's body is read into one array.
  @NotNull
  @DataSizeRange(min = 1, max = 1 << 20, unit = DataSizeUnit.KIBIBYTES)
  @JsonProperty
  private DataSize maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;

  @Valid
  @NotNull
  @JsonProperty
  private RedisFactory redis = new RedisFactory();

  @Valid
  @NotNull
  @JsonProperty
  private AuthFactory auth = new AuthFactory();

  @Valid
  @NotNull
  @JsonProperty
  private JobsFactory jobs = new JobsFactory();

  @Valid
  @NotNull
  @JsonProperty
  private dev.parity.server.app.TriggersFactory triggers = new dev.parity.server.app.TriggersFactory();

  @Valid
  @NotNull
  @JsonProperty
  private ServingLogFactory servingLog = new ServingLogFactory();

  @Valid
  @NotNull
  @JsonProperty
  private PathsFactory paths = new PathsFactory();

  @Valid
  @NotNull
  @JsonProperty
  private FeastFactory feast = new FeastFactory();

  public ParityConfiguration() {
    DefaultServerFactory server = new DefaultServerFactory();
    // Dropwizard's default too, stated here because the shutdown contract relies on it.
    server.setShutdownGracePeriod(DEFAULT_SHUTDOWN_GRACE);
    server.setApplicationConnectors(List.of(loopback(DEFAULT_PORT)));
    server.setAdminConnectors(List.of(loopback(DEFAULT_ADMIN_PORT)));
    // Every request but successful lookups (see LookupQuietRequestLogFactory).
    server.setRequestLogFactory(new LookupQuietRequestLogFactory());
    setServerFactory(server);
  }

  private static HttpConnectorFactory loopback(int port) {
    HttpConnectorFactory connector = new HttpConnectorFactory();
    connector.setBindHost("127.0.0.1");
    connector.setPort(port);
    return connector;
  }

  public String getRepository() {
    return repository;
  }

  public void setRepository(String repository) {
    this.repository = repository;
  }

  /** The feature repository directory. */
  public Path repositoryPath() {
    return Path.of(repository);
  }

  public String getRegistryUrl() {
    return registryUrl;
  }

  public void setRegistryUrl(String registryUrl) {
    this.registryUrl = registryUrl;
  }

  public String getRedisUrl() {
    return redisUrl;
  }

  /** A Redis URL, or comma-separated cluster node URLs. */
  public void setRedisUrl(String redisUrl) {
    this.redisUrl = redisUrl;
  }

  public int getMaxEntityRows() {
    return maxEntityRows;
  }

  public void setMaxEntityRows(int maxEntityRows) {
    this.maxEntityRows = maxEntityRows;
  }

  /**
   * The largest request body the server takes, on every endpoint of every connector; a larger one
   * is answered 413 before it is read (a chunked one when it passes the limit).
   */
  public DataSize getMaxRequestSize() {
    return maxRequestSize;
  }

  public void setMaxRequestSize(DataSize maxRequestSize) {
    this.maxRequestSize = maxRequestSize;
  }

  public RedisFactory getRedis() {
    return redis;
  }

  public AuthFactory getAuth() {
    return auth;
  }

  public JobsFactory getJobs() {
    return jobs;
  }

  public dev.parity.server.app.TriggersFactory getTriggers() {
    return triggers;
  }

  public ServingLogFactory getServingLog() {
    return servingLog;
  }

  public PathsFactory getPaths() {
    return paths;
  }

  public FeastFactory getFeast() {
    return feast;
  }

  /**
   * The environment the repository is loaded with: this configuration's URL overrides under the
   * process's {@code PARITY_*} variables, which win.
   */
  public Map<String, String> repositoryEnvironment(Map<String, String> processEnvironment) {
    Map<String, String> merged = new HashMap<>();
    if (registryUrl != null && !registryUrl.isBlank()) {
      merged.put(RepositoryConfig.REGISTRY_URL_ENV, registryUrl);
    }
    if (redisUrl != null && !redisUrl.isBlank()) {
      merged.put(RepositoryConfig.REDIS_URL_ENV, redisUrl);
    }
    processEnvironment.forEach((name, value) -> {
      if (value != null && !value.isBlank()) {
        merged.put(name, value);
      }
    });
    return merged;
  }
}
