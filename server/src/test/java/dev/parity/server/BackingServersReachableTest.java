package dev.parity.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.online.testing.TestRedis;
import dev.parity.registry.testing.TestPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

/**
 * Proves that the test JVM really reaches the servers CI starts (or the ones the test support
 * starts locally): a standalone Redis, a 3-master Redis Cluster and PostgreSQL. Every other
 * store test builds on these being real.
 */
class BackingServersReachableTest {

  @Test
  void writesAndReadsBackOnStandaloneRedis() {
    URI uri = URI.create(TestRedis.standaloneUrl());
    try (Jedis jedis = new Jedis(new HostAndPort(uri.getHost(), uri.getPort()))) {
      String key = "parity:test:" + UUID.randomUUID();
      jedis.set(key, "value");
      assertThat(jedis.get(key)).isEqualTo("value");
      assertThat(jedis.info("server")).contains("redis_mode:standalone");
      jedis.del(key);
    }
  }

  @Test
  void spreadsKeysOverThreeMastersOfRedisCluster() {
    Set<HostAndPort> nodes = new HashSet<>();
    for (String url : TestRedis.clusterUrls()) {
      URI uri = URI.create(url);
      nodes.add(new HostAndPort(uri.getHost(), uri.getPort()));
    }
    try (JedisCluster cluster = new JedisCluster(nodes)) {
      assertThat(cluster.getClusterNodes()).hasSize(3);
      String prefix = "parity:test:" + UUID.randomUUID() + ":";
      for (int i = 0; i < 100; i++) {
        cluster.set(prefix + i, Integer.toString(i));
      }
      for (int i = 0; i < 100; i++) {
        assertThat(cluster.get(prefix + i)).isEqualTo(Integer.toString(i));
      }
      long mastersHoldingKeys = cluster.getClusterNodes().values().stream().filter(pool -> {
        try (var connection = pool.getResource(); Jedis node = new Jedis(connection)) {
          return node.dbSize() > 0;
        }
      }).count();
      assertThat(mastersHoldingKeys).isEqualTo(3);
    }
  }

  @Test
  void createsTablesAndQueriesPostgres() throws Exception {
    try (Connection connection = DriverManager.getConnection(TestPostgres.newDatabase());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE probe (id BIGINT PRIMARY KEY, name TEXT NOT NULL)");
      statement.execute("INSERT INTO probe VALUES (1, 'parity')");
      try (ResultSet rows = statement.executeQuery("SELECT name, version() FROM probe WHERE id = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("parity");
        assertThat(rows.getString(2)).startsWith("PostgreSQL");
      }
    }
  }
}
