package dev.parity.online;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where Redis is and how long to wait for it.
 *
 * @param nodes one {@code redis://[user:password@]host:port[/db]} URL for a standalone server,
 *     or the seed nodes of a cluster
 * @param cluster whether {@code nodes} are cluster nodes
 * @param connectTimeout how long opening a connection may take
 * @param socketTimeout how long one round trip may take before the call fails
 * @param poolSize connections per Redis node, which also bounds concurrent calls per node
 * @param poolWait how long a call waits for a free connection when all are busy
 */
public record RedisConnectionConfig(
    List<String> nodes, boolean cluster, Duration connectTimeout, Duration socketTimeout, int poolSize,
    Duration poolWait) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMillis(500);
  public static final int DEFAULT_POOL_SIZE = 16;

  public RedisConnectionConfig {
    nodes = List.copyOf(requireNonNull(nodes, "nodes are null"));
    requireNonNull(connectTimeout, "connectTimeout is null");
    requireNonNull(socketTimeout, "socketTimeout is null");
    requireNonNull(poolWait, "poolWait is null");
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no Redis URL given");
    }
    if (!cluster && nodes.size() != 1) {
      throw new IllegalArgumentException("a standalone Redis has one URL, got " + nodes);
    }
    for (String node : nodes) {
      URI uri = URI.create(node);
      if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException("not a redis://host:port URL: " + node);
      }
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(socketTimeout, "socketTimeout");
    if (poolWait.isNegative()) {
      throw new IllegalArgumentException("poolWait is negative: " + poolWait);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
    }
  }

  /** A standalone server with default timeouts and pool size. */
  public static RedisConnectionConfig standalone(String url) {
    return new RedisConnectionConfig(List.of(url), false, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT,
        DEFAULT_POOL_SIZE, DEFAULT_SOCKET_TIMEOUT);
  }

  /** A cluster reached through {@code seedUrls}, with default timeouts and pool size. */
  public static RedisConnectionConfig cluster(List<String> seedUrls) {
    return new RedisConnectionConfig(seedUrls, true, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT,
        DEFAULT_POOL_SIZE, DEFAULT_SOCKET_TIMEOUT);
  }

  /** This configuration with both timeouts, and the pool wait, set to {@code timeout}. */
  public RedisConnectionConfig withTimeout(Duration timeout) {
    return new RedisConnectionConfig(nodes, cluster, timeout, timeout, poolSize, timeout);
  }

  public RedisConnectionConfig withPoolSize(int size) {
    return new RedisConnectionConfig(nodes, cluster, connectTimeout, socketTimeout, size, poolWait);
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + duration);
    }
  }
}
