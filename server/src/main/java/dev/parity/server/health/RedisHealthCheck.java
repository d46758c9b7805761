package dev.parity.server.health;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import dev.parity.online.RedisConnectionConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Healthy when every configured Redis node (the server, or each cluster seed node) answers PING
 * within the configured timeouts. Uses a connection of its own per check, so a full lookup pool
 * does not make Redis look down, and a check never takes a connection from lookups.
 */
public final class RedisHealthCheck extends HealthCheck {
  private final RedisConnectionConfig connection;

  public RedisHealthCheck(RedisConnectionConfig connection) {
    this.connection = requireNonNull(connection, "connection is null");
  }

  @Override
  protected Result check() {
    List<String> failures = new ArrayList<>();
    for (String node : connection.nodes()) {
      URI uri = URI.create(node);
      DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
          .connectionTimeoutMillis(Math.toIntExact(connection.connectTimeout().toMillis()))
          .socketTimeoutMillis(Math.toIntExact(connection.socketTimeout().toMillis()))
          .user(JedisURIHelper.getUser(uri))
          .password(JedisURIHelper.getPassword(uri))
          .ssl(JedisURIHelper.isRedisSSLScheme(uri))
          // No HELLO: the server's default protocol, and no warning per check about negotiation.
          .serverDefaultProtocol()
          .build();
      try (Jedis jedis = new Jedis(JedisURIHelper.getHostAndPort(uri), config)) {
        String reply = jedis.ping();
        if (!"PONG".equals(reply)) {
          failures.add(redact(uri) + " answered " + reply);
        }
      } catch (JedisException e) {
        failures.add(redact(uri) + ": " + e.getMessage());
      }
    }
    String where = (connection.cluster() ? "cluster nodes " : "") + connection.nodes().stream().map(n -> redact(URI.create(n))).toList();
    return failures.isEmpty() ? Result.healthy("redis %s answers PING", where)
        : Result.unhealthy("redis unreachable: " + String.join("; ", failures));
  }

  private static String redact(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
  }
}
