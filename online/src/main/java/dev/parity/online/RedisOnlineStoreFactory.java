package dev.parity.online;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;
import redis.clients.jedis.util.JedisURIHelper;

/** Builds the Redis-backed {@link OnlineStore}. Stateless; each call owns a new connection pool. */
public final class RedisOnlineStoreFactory {
  // Idle pooled connections are pinged this often, so dead ones are dropped even without traffic.
  private static final Duration IDLE_CHECK_PERIOD = Duration.ofSeconds(5);

  private RedisOnlineStoreFactory() {}

  /** A store on the system clock. */
  public static OnlineStore create(RedisConnectionConfig connection, OnlineStoreSettings settings) {
    return create(connection, settings, Clock.systemUTC(), Ticker.systemTicker());
  }

  /**
   * A store that decides value ages with {@code clock} and expires near-cache entries with
   * {@code ticker}. For a cluster, the slot map is read from the seed nodes now.
   *
   * @throws OnlineStoreUnavailableException a cluster's seed nodes cannot be reached (a standalone
   *     server is connected lazily, so the store can start before Redis)
   */
  public static OnlineStore create(RedisConnectionConfig connection, OnlineStoreSettings settings, Clock clock,
      Ticker ticker) {
    requireNonNull(connection, "connection is null");
    requireNonNull(settings, "settings is null");
    requireNonNull(clock, "clock is null");
    requireNonNull(ticker, "ticker is null");
    return new RedisOnlineStore(backend(connection), settings, connection.socketTimeout(), clock, ticker);
  }

  /** The connections of {@code connection}; package-private so tests can wrap it. */
  static RedisBackend backend(RedisConnectionConfig connection) {
    URI first = URI.create(connection.nodes().get(0));
    JedisClientConfig clientConfig = clientConfig(connection, first);
    ConnectionPoolConfig pool = poolConfig(connection);
    if (connection.cluster()) {
      Set<HostAndPort> nodes = new LinkedHashSet<>();
      connection.nodes().forEach(node -> nodes.add(JedisURIHelper.getHostAndPort(URI.create(node))));
      try {
        ClusterConnectionProvider provider = new ClusterConnectionProvider(nodes, clientConfig, pool);
        RedisClusterClient client = RedisClusterClient.builder().nodes(nodes).clientConfig(clientConfig)
            .poolConfig(pool).connectionProvider(provider).maxAttempts(1).build();
        return new RedisBackend.Cluster(provider, client, Math.max(2, connection.poolSize()));
      } catch (JedisException e) {
        throw new OnlineStoreUnavailableException("cannot read the slot map from Redis cluster nodes "
            + connection.nodes() + ": " + e.getMessage(), e);
      }
    } else {
      return new RedisBackend.Standalone(
          new PooledConnectionProvider(JedisURIHelper.getHostAndPort(first), clientConfig, pool));
    }
  }

  private static JedisClientConfig clientConfig(RedisConnectionConfig connection, URI uri) {
    DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(Math.toIntExact(connection.connectTimeout().toMillis()))
        .socketTimeoutMillis(Math.toIntExact(connection.socketTimeout().toMillis()))
        .user(JedisURIHelper.getUser(uri))
        .password(JedisURIHelper.getPassword(uri))
        .ssl(JedisURIHelper.isRedisSSLScheme(uri));
    if (!connection.cluster() && JedisURIHelper.hasDbIndex(uri)) {
      builder.database(JedisURIHelper.getDBIndex(uri));
    }
    return builder.build();
  }

  private static ConnectionPoolConfig poolConfig(RedisConnectionConfig connection) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(connection.poolSize());
    pool.setMaxIdle(connection.poolSize());
    pool.setMinIdle(0);
    // A busy pool makes callers wait at most poolWait, never indefinitely: no thread pile-up.
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(connection.poolWait());
    // Revalidate idle connections in the background rather than with a PING on every borrow,
    // which would double the round trips of a lookup.
    pool.setTestOnBorrow(false);
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(IDLE_CHECK_PERIOD);
    pool.setNumTestsPerEvictionRun(-1);
    return pool;
  }
}
