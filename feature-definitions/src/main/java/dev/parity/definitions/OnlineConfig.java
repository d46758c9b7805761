package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** Where the online store is: one Redis server, or the seed nodes of a Redis Cluster. */
public record OnlineConfig(Optional<String> redis, List<String> cluster) {
  public OnlineConfig {
    requireNonNull(redis, "redis is null");
    cluster = List.copyOf(requireNonNull(cluster, "cluster is null"));
    if (redis.isPresent() == !cluster.isEmpty()) {
      throw new IllegalArgumentException("online store needs either a redis url or a cluster node list");
    }
    redis.ifPresent(OnlineConfig::requireUrl);
    cluster.forEach(OnlineConfig::requireUrl);
  }

  private static void requireUrl(String url) {
    if (url.isBlank()) {
      throw new IllegalArgumentException("redis url is empty");
    }
  }

  /** A single Redis server at {@code url}, e.g. {@code redis://127.0.0.1:6379}. */
  public static OnlineConfig redis(String url) {
    return new OnlineConfig(Optional.of(url), List.of());
  }

  /** A Redis Cluster reached through {@code nodes}. */
  public static OnlineConfig cluster(List<String> nodes) {
    return new OnlineConfig(Optional.empty(), nodes);
  }

  public boolean isCluster() {
    return !cluster.isEmpty();
  }
}
