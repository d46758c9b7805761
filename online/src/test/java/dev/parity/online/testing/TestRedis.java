package dev.parity.online.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * Where tests find Redis. CI starts the servers and exports {@code PARITY_TEST_REDIS_URL} (a
 * standalone server) and {@code PARITY_TEST_REDIS_CLUSTER} (comma-separated node URLs of a 3-node
 * cluster). When a variable is absent, as on a developer's machine running the README's test
 * command, the server is started here once per JVM and stopped at exit: the installed
 * {@code redis-server}, else the one bundled in a Maven artifact, so a machine with only a JDK and
 * Maven runs every test; nothing is skipped.
 */
public final class TestRedis {
  private static String standaloneUrl;
  private static List<String> clusterUrls;

  private TestRedis() {}

  /** URL of a shared standalone Redis, e.g. {@code redis://127.0.0.1:16379}. */
  public static synchronized String standaloneUrl() {
    if (standaloneUrl == null) {
      String fromEnv = System.getenv("PARITY_TEST_REDIS_URL");
      if (fromEnv != null && !fromEnv.isBlank()) {
        standaloneUrl = fromEnv.trim();
      } else {
        RedisServer server = RedisServer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-redis"));
        standaloneUrl = server.url();
      }
    }
    return standaloneUrl;
  }

  /** URLs of the nodes of a shared 3-master Redis Cluster. */
  public static synchronized List<String> clusterUrls() {
    if (clusterUrls == null) {
      String fromEnv = System.getenv("PARITY_TEST_REDIS_CLUSTER");
      if (fromEnv != null && !fromEnv.isBlank()) {
        clusterUrls = Arrays.stream(fromEnv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      } else {
        clusterUrls = startCluster();
      }
    }
    return clusterUrls;
  }

  private static List<String> startCluster() {
    List<RedisServer> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nodes.add(RedisServer.start(true));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> nodes.forEach(RedisServer::close), "stop-test-cluster"));
    formCluster(nodes.stream().map(RedisServer::port).toList());
    return nodes.stream().map(RedisServer::url).toList();
  }

  /**
   * What {@code redis-cli --cluster create --cluster-replicas 0} does, over Jedis so that no
   * {@code redis-cli} is needed: each node takes an equal range of the 16384 slots, the first meets
   * the others, and every node then reports {@code cluster_state:ok} with all slots assigned.
   */
  public static void formCluster(List<Integer> ports) {
    int slots = 16384;
    for (int i = 0; i < ports.size(); i++) {
      try (Jedis node = new Jedis("127.0.0.1", ports.get(i))) {
        node.clusterAddSlotsRange(slots * i / ports.size(), slots * (i + 1) / ports.size() - 1);
        node.clusterSetConfigEpoch(i + 1);
      }
    }
    try (Jedis first = new Jedis("127.0.0.1", ports.get(0))) {
      ports.subList(1, ports.size()).forEach(port -> first.clusterMeet("127.0.0.1", port));
    }
    for (int port : ports) {
      ServerProcess.await("cluster_state:ok on port " + port, Duration.ofSeconds(30), () -> {
        try (Jedis node = new Jedis("127.0.0.1", port)) {
          String info = node.clusterInfo();
          return info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:" + slots)
              && info.contains("cluster_known_nodes:" + ports.size());
        }
      });
    }
  }
}
