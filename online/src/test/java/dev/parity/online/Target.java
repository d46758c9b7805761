package dev.parity.online;

import dev.parity.online.testing.TestRedis;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/** The shared test servers the same tests run against. */
enum Target {
  STANDALONE,
  CLUSTER;

  RedisConnectionConfig config() {
    RedisConnectionConfig config = this == STANDALONE
        ? RedisConnectionConfig.standalone(TestRedis.standaloneUrl())
        : RedisConnectionConfig.cluster(TestRedis.clusterUrls());
    return config.withTimeout(Duration.ofSeconds(2));
  }

  /** A plain Jedis client to look behind the store's back; the caller closes it. */
  UnifiedJedis raw() {
    if (this == STANDALONE) {
      return RedisClient.create(URI.create(TestRedis.standaloneUrl()));
    }
    Set<HostAndPort> nodes = TestRedis.clusterUrls().stream()
        .map(url -> new HostAndPort(URI.create(url).getHost(), URI.create(url).getPort()))
        .collect(Collectors.toSet());
    return RedisClusterClient.builder().nodes(nodes).build();
  }
}
