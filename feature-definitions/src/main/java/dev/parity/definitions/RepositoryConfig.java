package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Where a repository's registry, online store and offline outputs live ({@code parity.yaml}).
 *
 * @param project project name
 * @param registryUrl JDBC URL of the registry
 * @param online online store location
 * @param offlinePath directory of offline outputs, relative to the repository root unless absolute
 * @param maxFutureSkew how far past now an event or created time may lie ({@code max_future_skew};
 *     see {@link FutureTimeLimit}, which owns the rule); zero or positive
 * @param offlineEngine the engine that builds training sets ({@code offline: {engine, spark}})
 */
public record RepositoryConfig(String project, String registryUrl, OnlineConfig online, String offlinePath,
    Duration maxFutureSkew, OfflineEngineConfig offlineEngine) {
  public static final String DEFAULT_PROJECT = "default";
  public static final String DEFAULT_REGISTRY_URL = "jdbc:h2:file:./.parity/registry";
  public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
  public static final String DEFAULT_OFFLINE_PATH = "./.parity/offline";
  /** Environment variable overriding {@link #registryUrl()}. */
  public static final String REGISTRY_URL_ENV = "PARITY_REGISTRY_URL";
  /** Environment variable overriding {@link #online()}; a comma-separated list means a cluster. */
  public static final String REDIS_URL_ENV = "PARITY_REDIS_URL";

  public RepositoryConfig {
    requireNonNull(project, "project is null");
    if (!project.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("project '" + project + "' must be letters, digits, '_', '.' or '-'");
    }
    requireNonNull(registryUrl, "registryUrl is null");
    if (registryUrl.isBlank()) {
      throw new IllegalArgumentException("registry url is empty");
    }
    requireNonNull(online, "online is null");
    requireNonNull(offlinePath, "offlinePath is null");
    if (offlinePath.isBlank()) {
      throw new IllegalArgumentException("offline path is empty");
    }
    requireNonNull(maxFutureSkew, "maxFutureSkew is null");
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("max future skew " + maxFutureSkew + " is negative");
    }
    requireNonNull(offlineEngine, "offlineEngine is null");
  }

  /** With the embedded offline engine. */
  public RepositoryConfig(String project, String registryUrl, OnlineConfig online, String offlinePath,
      Duration maxFutureSkew) {
    this(project, registryUrl, online, offlinePath, maxFutureSkew, OfflineEngineConfig.embedded());
  }

  /** With the default {@code max_future_skew} ({@link FutureTimeLimit#DEFAULT_MAX_FUTURE_SKEW}). */
  public RepositoryConfig(String project, String registryUrl, OnlineConfig online, String offlinePath) {
    this(project, registryUrl, online, offlinePath, FutureTimeLimit.DEFAULT_MAX_FUTURE_SKEW);
  }

  /** Every default, as if {@code parity.yaml} were empty. */
  public static RepositoryConfig defaults() {
    return new RepositoryConfig(DEFAULT_PROJECT, DEFAULT_REGISTRY_URL, OnlineConfig.redis(DEFAULT_REDIS_URL), DEFAULT_OFFLINE_PATH);
  }

  /**
   * This configuration with {@value #REGISTRY_URL_ENV} and {@value #REDIS_URL_ENV} from {@code env}
   * applied (blank values are ignored). Pass {@code System.getenv()} in production.
   */
  public RepositoryConfig withEnvironment(Map<String, String> env) {
    String registry = env.getOrDefault(REGISTRY_URL_ENV, "");
    String redis = env.getOrDefault(REDIS_URL_ENV, "");
    OnlineConfig onlineConfig = online;
    if (!redis.isBlank()) {
      onlineConfig =
          redis.contains(",")
              ? OnlineConfig.cluster(Arrays.stream(redis.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
              : OnlineConfig.redis(redis.trim());
    }
    return new RepositoryConfig(project, registry.isBlank() ? registryUrl : registry.trim(), onlineConfig, offlinePath,
        maxFutureSkew, offlineEngine);
  }

  /** The future-time limit ({@link FutureTimeLimit}) at {@code clock}'s current instant. */
  public FutureTimeLimit futureTimeLimit(Clock clock) {
    return FutureTimeLimit.at(clock, maxFutureSkew);
  }

  /** The offline output directory resolved against the repository root. */
  public Path offlineDirectory(Path repositoryRoot) {
    return repositoryRoot.resolve(offlinePath).normalize();
  }
}
