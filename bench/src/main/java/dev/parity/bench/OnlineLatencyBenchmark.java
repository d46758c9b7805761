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
import java.nio.charset.StandardCharsets;
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
import redis.clients.jedis.RedisClient;

/**
 * Latency distribution (p50/p99/p99.9 from JMH's sample mode) of a single-entity lookup of 10
 * features: {@code parityRead} through {@link OnlineStore#read} and {@code featureServerGet}
 * through {@link OnlineFeatureServer#get} (the 10-feature service, as the HTTP resource calls it)
 * against {@code rawGet}, one raw Jedis GET of the same key, and {@code rawHmget}, one raw HMGET
 * of the 10 fields of a Feast-style hash. Run with {@code -t 1} and {@code -t 4}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OnlineLatencyBenchmark {
  private static final long ID = OnlineLookupBenchmark.FIRST_ID;

  private OnlineStore store;
  private OnlineFeatureServer server;
  private OnlineFeaturesRequest serviceRequest;
  private RedisClient raw;
  private byte[] hashKey;
  private byte[][] fields;
  private List<EntityRow> entity;
  private List<ViewRequest> request;
  private byte[] key;

  @Setup
  public void setUp() {
    FeatureRepository repository = OnlineBenchData.repository();
    OnlineView view = OnlineBenchData.view(repository);
    store = RedisOnlineStoreFactory.create(RedisConnectionConfig.standalone(OnlineBenchData.REDIS_URL),
        OnlineStoreSettings.defaults(OnlineLookupBenchmark.PROJECT));
    server = OnlineFeatureServer.create(repository, store);
    serviceRequest = OnlineFeaturesRequest.forService(OnlineBenchData.SERVICE, Map.of("driver_id", List.of(ID)));
    raw = RedisClient.create(URI.create(OnlineBenchData.REDIS_URL));
    store.write(view, OnlineBenchData.rows(ID, 1, OnlineBenchData.nowMicros()));
    entity = OnlineBenchData.entities(ID, 1);
    request = List.of(ViewRequest.all(view));
    key = OnlineLookupBenchmark.parityKey(ID);
    if (raw.get(key) == null) {
      throw new IllegalStateException("key layout changed: no value at Parity's key of entity " + ID);
    }
    fields = new byte[OnlineBenchData.FEATURES][];
    Map<byte[], byte[]> hash = new HashMap<>();
    for (int f = 0; f < fields.length; f++) {
      fields[f] = (OnlineBenchData.VIEW + ":f" + f).getBytes(StandardCharsets.UTF_8);
      hash.put(fields[f], Double.toString(ID + f / 10.0).getBytes(StandardCharsets.UTF_8));
    }
    hashKey = ("bench-raw:" + ID).getBytes(StandardCharsets.UTF_8);
    raw.hset(hashKey, hash);
  }

  @TearDown
  public void tearDown() {
    store.close();
    raw.close();
  }

  @Benchmark
  public OnlineLookup parityRead() {
    return store.read(entity, request);
  }

  @Benchmark
  public OnlineFeaturesResponse featureServerGet() {
    return server.get(serviceRequest);
  }

  @Benchmark
  public byte[] rawGet() {
    return raw.get(key);
  }

  @Benchmark
  public List<byte[]> rawHmget() {
    return raw.hmget(hashKey, fields);
  }
}
