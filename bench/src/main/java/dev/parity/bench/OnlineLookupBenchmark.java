package dev.parity.bench;

import dev.parity.definitions.DataType;
import dev.parity.online.EntityRow;
import dev.parity.online.FeatureColumn;
import dev.parity.online.KeyColumn;
import dev.parity.online.OnlineLookup;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.OnlineView;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.online.ViewRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * One online lookup of 100 entities x 10 float64 features through {@link OnlineStore} (one
 * pipelined GET per entity, decode, status and age checks), against the reference: raw pipelined
 * Jedis HMGET of 100 Feast-style hashes with the same 10 fields, in the same run. Needs a Redis at
 * {@code -Dparity.bench.redis=redis://127.0.0.1:6399} (the default).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OnlineLookupBenchmark {
  private static final int ENTITIES = 100;
  private static final int FEATURES = 10;

  private OnlineStore store;
  private RedisClient raw;
  private List<EntityRow> entities;
  private List<ViewRequest> request;
  private byte[][] hashKeys;
  private byte[][] fields;

  @Setup
  public void setUp() {
    String url = System.getProperty("parity.bench.redis", "redis://127.0.0.1:6399");
    List<FeatureColumn> features = new ArrayList<>();
    for (int f = 0; f < FEATURES; f++) {
      features.add(new FeatureColumn("f" + f, DataType.FLOAT64));
    }
    OnlineView view = new OnlineView("driver_hourly_stats", "v1", Duration.ofDays(2),
        List.of(new KeyColumn("driver_id", DataType.INT64)), features);
    store = RedisOnlineStoreFactory.create(RedisConnectionConfig.standalone(url), OnlineStoreSettings.defaults("bench"));
    raw = RedisClient.create(URI.create(url));
    long now = System.currentTimeMillis() * 1000;
    List<OnlineRow> rows = new ArrayList<>();
    entities = new ArrayList<>();
    hashKeys = new byte[ENTITIES][];
    fields = new byte[FEATURES][];
    for (int f = 0; f < FEATURES; f++) {
      fields[f] = ("driver_hourly_stats:f" + f).getBytes(StandardCharsets.UTF_8);
    }
    for (long id = 0; id < ENTITIES; id++) {
      List<Object> values = new ArrayList<>();
      Map<byte[], byte[]> hash = new HashMap<>();
      for (int f = 0; f < FEATURES; f++) {
        values.add(id + f / 10.0);
        hash.put(fields[f], Double.toString(id + f / 10.0).getBytes(StandardCharsets.UTF_8));
      }
      rows.add(new OnlineRow(List.of(1000 + id), now, now, values));
      entities.add(EntityRow.of("driver_id", 1000 + id));
      hashKeys[(int) id] = ("bench-raw:" + (1000 + id)).getBytes(StandardCharsets.UTF_8);
      raw.hset(hashKeys[(int) id], hash);
    }
    store.write(view, rows);
    request = List.of(ViewRequest.all(view));
  }

  @TearDown
  public void tearDown() {
    store.close();
    raw.close();
  }

  @Benchmark
  public OnlineLookup parityLookup() {
    return store.read(entities, request);
  }

  @Benchmark
  public List<List<byte[]>> rawPipelinedHmget() {
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
