package dev.parity.online;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * Standalone or cluster Redis behind one pipeline call. A standalone pipeline is one connection;
 * a cluster pipeline groups commands by node and flushes the nodes in parallel on a bounded
 * executor owned here (Jedis would otherwise start threads for every multi-node pipeline).
 * Thread-safe.
 */
interface RedisBackend extends AutoCloseable {

  /** A new pipeline; closing it returns its connections. */
  AbstractPipeline pipeline();

  /**
   * The values of {@code keys} (null where there is none), in one round trip: one {@code MGET}
   * on a standalone server (one command instead of one per key); on a cluster a pipeline of
   * {@code GET}s, which groups them by node (the keys of a request span slots).
   */
  default List<byte[]> get(byte[][] keys) {
    List<Response<byte[]>> responses = new ArrayList<>(keys.length);
    try (AbstractPipeline pipeline = pipeline()) {
      for (byte[] key : keys) {
        responses.add(pipeline.get(key));
      }
      pipeline.sync();
    }
    List<byte[]> values = new ArrayList<>(keys.length);
    for (Response<byte[]> response : responses) {
      values.add(response.get());
    }
    return values;
  }

  /**
   * Drops idle pooled connections. Called after a connection failure: when Redis restarted,
   * every idle connection is dead, and the retry should not pick another one of them.
   */
  void dropIdleConnections();

  @Override
  void close();

  final class Standalone implements RedisBackend {
    // The connections speak RESP2 (the client configuration sets no protocol).
    private static final CommandObjects COMMANDS = new CommandObjects(RedisProtocol.RESP2);
    private final PooledConnectionProvider provider;

    Standalone(PooledConnectionProvider provider) {
      this.provider = provider;
    }

    @Override
    public AbstractPipeline pipeline() {
      return new Pipeline(provider.getConnection(), true);
    }

    @Override
    public List<byte[]> get(byte[][] keys) {
      try (Connection connection = provider.getConnection()) {
        return connection.executeCommand(COMMANDS.mget(keys));
      }
    }

    @Override
    public void dropIdleConnections() {
      provider.getPool().clear();
    }

    @Override
    public void close() {
      provider.close();
    }
  }

  final class Cluster implements RedisBackend {
    private final ClusterConnectionProvider provider;
    private final RedisClusterClient client;
    private final ExecutorService syncExecutor;

    Cluster(ClusterConnectionProvider provider, RedisClusterClient client, int threads) {
      this.provider = provider;
      this.client = client;
      AtomicInteger count = new AtomicInteger();
      ThreadFactory factory = r -> {
        Thread thread = new Thread(r, "parity-redis-cluster-sync-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
      this.syncExecutor = Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public AbstractPipeline pipeline() {
      return client.pipelined(syncExecutor);
    }

    @Override
    public void dropIdleConnections() {
      provider.getNodes().values().forEach(pool -> pool.clear());
    }

    @Override
    public void close() {
      syncExecutor.shutdownNow();
      // The client's executor owns the provider: closing the client closes the node pools.
      client.close();
    }
  }
}
