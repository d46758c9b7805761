package dev.parity.server.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.definitions.OnlineConfig;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.server.health.RedisHealthCheck;
import dev.parity.server.health.TimedOnlineStore;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code redis} section: timeouts and pool of the online store's connections (where Redis is
 * comes from the repository's {@code parity.yaml}, {@code redisUrl} or {@code PARITY_REDIS_URL}).
 * Short timeouts by default, so a Redis outage answers 503 within about a second instead of
 * piling up requests.
 */
public class RedisFactory {
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  private Duration connectTimeout = Duration.seconds(1);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  private Duration socketTimeout = Duration.milliseconds(500);

  @NotNull
  @JsonProperty
  private Duration poolWait = Duration.milliseconds(500);

  @Min(1)
  @Max(10_000)
  @JsonProperty
  private int poolSize = RedisConnectionConfig.DEFAULT_POOL_SIZE;

  @Valid
  @NotNull
  @JsonProperty
  private NearCacheFactory nearCache = new NearCacheFactory();

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public Duration getSocketTimeout() {
    return socketTimeout;
  }

  public Duration getPoolWait() {
    return poolWait;
  }

  public int getPoolSize() {
    return poolSize;
  }

  public NearCacheFactory getNearCache() {
    return nearCache;
  }

  /** Where and how to connect: the nodes of {@code where} with this section's timeouts and pool. */
  public RedisConnectionConfig connection(OnlineConfig where) {
    List<String> nodes = where.isCluster() ? where.cluster() : List.of(where.redis().orElseThrow());
    return new RedisConnectionConfig(nodes, where.isCluster(), connectTimeout.toJavaDuration(),
        socketTimeout.toJavaDuration(), poolSize, poolWait.toJavaDuration());
  }

  /**
   * Builds the online store of {@code project} at {@code where}, timed into the environment's
   * metrics, closed when the server stops, with a {@code redis} health check.
   *
   * @throws dev.parity.online.OnlineStoreUnavailableException a cluster's seed nodes cannot be
   *     reached (a standalone server is connected lazily)
   */
  public OnlineStore build(Environment environment, OnlineConfig where, String project, Clock clock) {
    RedisConnectionConfig connection = connection(where);
    OnlineStoreSettings settings = OnlineStoreSettings.defaults(project).withNearCache(nearCache.settings());
    OnlineStore store = new TimedOnlineStore(
        RedisOnlineStoreFactory.create(connection, settings, clock, com.github.benmanes.caffeine.cache.Ticker.systemTicker()),
        environment.metrics());
    environment.lifecycle().manage(new Managed() {
      @Override
      public void stop() {
        store.close();
      }
    });
    environment.healthChecks().register("redis", new RedisHealthCheck(connection));
    return store;
  }
}
