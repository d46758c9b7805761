package dev.parity.bench;

import dev.parity.definitions.FeatureRepository;
import dev.parity.online.EntityRow;
import dev.parity.online.OnlineLookup;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.OnlineView;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.online.ViewRequest;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;

/**
 * Lookups per second of 100 entities x 10 features (six float64, four int64), in one JVM against
 * one Redis:
 *
 * <ul>
 *   <li>{@code parityRead}: {@link OnlineStore#read} (pipelined GET of one string per entity,
 *       decode, version and age checks, statuses);
 *   <li>{@code featureServerGet}: {@link OnlineFeatureServer#get} of a 10-feature service (key
 *       coercion, plan, the same store read, result columns);
 *   <li>{@code rawGet}: the tightest reference, raw pipelined Jedis GET of the same keys Parity
 *       reads (bytes only, no decoding);
 *   <li>{@code rawHmget}: the Feast-style reference, raw pipelined HMGET of 100 hashes with the 10
 *       fields (bytes only, no parsing).
 * </ul>
 *
 * Run with {@code -t 1} and {@code -t 4}. Redis at {@code -Dparity.bench.redis} (default
 * {@code redis://127.0.0.1:6399}); {@code bench/online.sh} starts one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OnlineLookupBenchmark {
  static final int ENTITIES = 100;
  static final long FIRST_ID = 1000;
  static final String PROJECT = "bench";

  private OnlineStore store;
  private OnlineFeatureServer server;
  private RedisClient raw;
  private List<EntityRow> entities;
  private List<ViewRequest> request;
  private OnlineFeaturesRequest serviceRequest;
  private byte[][] parityKeys;
  private byte[][] hashKeys;
  private byte[][] fields;

  @Setup
  public void setUp() {
    FeatureRepository repository = OnlineBenchData.repository();
    OnlineView view = OnlineBenchData.view(repository);
    store = RedisOnlineStoreFactory.create(RedisConnectionConfig.standalone(OnlineBenchData.REDIS_URL),
        OnlineStoreSettings.defaults(PROJECT));
    server = OnlineFeatureServer.create(repository, store);
    raw = RedisClient.create(URI.create(OnlineBenchData.REDIS_URL));
    store.write(view, OnlineBenchData.rows(FIRST_ID, ENTITIES, OnlineBenchData.nowMicros()));
    entities = OnlineBenchData.entities(FIRST_ID, ENTITIES);
    request = List.of(ViewRequest.all(view));
    List<Object> ids = new ArrayList<>();
    entities.forEach(e -> ids.add(e.keys().get("driver_id")));
    serviceRequest = OnlineFeaturesRequest.forService(OnlineBenchData.SERVICE, Map.of("driver_id", ids));

    parityKeys = new byte[ENTITIES][];
    hashKeys = new byte[ENTITIES][];
    fields = new byte[OnlineBenchData.FEATURES][];
    for (int f = 0; f < fields.length; f++) {
      fields[f] = (OnlineBenchData.VIEW + ":f" + f).getBytes(StandardCharsets.UTF_8);
    }
    for (int i = 0; i < ENTITIES; i++) {
      long id = FIRST_ID + i;
      parityKeys[i] = parityKey(id);
      if (raw.get(parityKeys[i]) == null) {
        throw new IllegalStateException("key layout changed: no value at Parity's key of entity " + id);
      }
      Map<byte[], byte[]> hash = new HashMap<>();
      for (int f = 0; f < fields.length; f++) {
        hash.put(fields[f], Double.toString(id + f / 10.0).getBytes(StandardCharsets.UTF_8));
      }
      hashKeys[i] = ("bench-raw:" + id).getBytes(StandardCharsets.UTF_8);
      raw.hset(hashKeys[i], hash);
    }
  }

  /** Parity's key of an int64 entity (online/KEY-LAYOUT.md): project ":{" 8 bytes big-endian "}" view. */
  static byte[] parityKey(long id) {
    byte[] prefix = (PROJECT + ":{").getBytes(StandardCharsets.UTF_8);
    byte[] suffix = ("}" + OnlineBenchData.VIEW).getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(prefix.length + 8 + suffix.length).put(prefix).putLong(id).put(suffix).array();
  }

  @TearDown
  public void tearDown() {
    store.close();
    raw.close();
  }

  @Benchmark
  public OnlineLookup parityRead() {
    return store.read(entities, request);
  }

  @Benchmark
  public OnlineFeaturesResponse featureServerGet() {
    return server.get(serviceRequest);
  }

  @Benchmark
  public List<byte[]> rawGet() {
    List<Response<byte[]>> responses = new ArrayList<>(ENTITIES);
    try (AbstractPipeline pipeline = raw.pipelined()) {
      for (byte[] key : parityKeys) {
        responses.add(pipeline.get(key));
      }
      pipeline.sync();
    }
    List<byte[]> values = new ArrayList<>(ENTITIES);
    for (Response<byte[]> response : responses) {
      values.add(response.get());
    }
    return values;
  }

  @Benchmark
  public List<List<byte[]>> rawHmget() {
    List<Response<List<byte[]>>> responses = new ArrayList<>(ENTITIES);
    try (AbstractPipeline pipeline = raw.pipelined()) {
      for (byte[] key : hashKeys) {
        responses.add(pipeline.hmget(key, fields));
      }
      pipeline.sync();
    }
    List<List<byte[]>> values = new ArrayList<>(ENTITIES);
    for (Response<List<byte[]>> response : responses) {
      values.add(response.get());
    }
    return values;
  }
}
