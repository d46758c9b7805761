package dev.parity.online.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where tests find Redis. CI starts the servers and exports {@code PARITY_TEST_REDIS_URL} (a
 * standalone server) and {@code PARITY_TEST_REDIS_CLUSTER} (comma-separated node URLs of a 3-node
 * cluster). When a variable is absent, as on a developer's machine running the README's test
 * command, the server is started here once per JVM and stopped at exit. A missing
 * {@code redis-server} binary fails the test; nothing is skipped.
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
    Path cli = ServerProcess.executable("redis-cli", "install it (apt-get install -y redis-tools)", List.of(Path.of("/usr/bin")));
    List<String> command = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
    nodes.forEach(n -> command.add("127.0.0.1:" + n.port()));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    ServerProcess.run(command, Path.of(System.getProperty("java.io.tmpdir")), Duration.ofSeconds(60));
    for (RedisServer node : nodes) {
      ServerProcess.await("cluster_state:ok on port " + node.port(), Duration.ofSeconds(30), () ->
          ServerProcess.run(List.of(cli.toString(), "-p", Integer.toString(node.port()), "cluster", "info"),
              Path.of(System.getProperty("java.io.tmpdir")), Duration.ofSeconds(10)).contains("cluster_state:ok"));
    }
    return nodes.stream().map(RedisServer::url).toList();
  }
}
