package dev.parity.online;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * {@link OnlineStore} on Redis with the layout of {@link RedisLayout}. Thread-safe: per-call state
 * lives on the stack; shared state is the connection pool, the immutable view codecs and the
 * (thread-safe) near cache.
 *
 * <p>Every Redis call fails within the configured timeouts: a connection failure drops the idle
 * pooled connections (after a restart they are all dead) and is retried once on a fresh
 * connection, then reported as {@link OnlineStoreUnavailableException}. Both reads and writes
 * may be retried because both are idempotent.
 */
final class RedisOnlineStore implements OnlineStore {
  private static final byte[] SCRIPT = RedisLayout.WRITE_SCRIPT.getBytes(StandardCharsets.UTF_8);
  private static final byte[] SCRIPT_SHA = sha1Hex(SCRIPT);

  private final RedisBackend backend;
  private final Clock clock;
  private final byte[] projectPrefix;
  private final long graceMicros;
  private final int batchSize;
  private final Duration timeout;
  private final NearCache nearCache;
  // A handful of views per process; a new descriptor (version change) adds one entry.
  private final Map<OnlineView, ViewCodec> codecs = new ConcurrentHashMap<>();
  private volatile boolean closed;

  RedisOnlineStore(RedisBackend backend, OnlineStoreSettings settings, Duration timeout, Clock clock, Ticker ticker) {
    this.backend = requireNonNull(backend, "backend is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.projectPrefix = RedisLayout.projectPrefix(settings.project());
    this.graceMicros = micros(settings.expiryGrace());
    this.batchSize = settings.writeBatchSize();
    this.nearCache = settings.nearCache().enabled() ? new NearCache(settings.nearCache(), ticker) : null;
  }

  @Override
  public WriteResult write(OnlineView view, List<OnlineRow> rows) {
    requireNonNull(view, "view is null");
    requireNonNull(rows, "rows are null");
    checkOpen();
    ViewCodec codec = codec(view);
    ByteSink sink = new ByteSink();
    long written = 0;
    for (int start = 0; start < rows.size(); start += batchSize) {
      int end = Math.min(rows.size(), start + batchSize);
      List<List<byte[]>> keys = new ArrayList<>(end - start);
      List<List<byte[]>> args = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        OnlineRow row = rows.get(i);
        if (row == null) {
          // Checked explicitly: requireNonNull's message would be built for every row.
          throw new NullPointerException("row " + i + " is null");
        }
        byte[] key = codec.keyForWrite(sink, row.joinKeyValues(), i);
        byte[] value = codec.encode(sink, row, i);
        keys.add(List.of(key));
        args.add(List.of(value, codec.expireAtMillis(row.eventTimeMicros(), graceMicros).getBytes(StandardCharsets.US_ASCII)));
      }
      written += call(() -> "writing view " + view.name(), () -> writeBatch(keys, args));
      if (nearCache != null) {
        keys.forEach(k -> nearCache.invalidate(k.get(0)));
      }
    }
    return new WriteResult(written, rows.size() - written);
  }

  private long writeBatch(List<List<byte[]>> keys, List<List<byte[]>> args) {
    List<Response<Object>> responses = new ArrayList<>(keys.size());
    try (AbstractPipeline pipeline = backend.pipeline()) {
      for (int i = 0; i < keys.size(); i++) {
        responses.add(pipeline.evalsha(SCRIPT_SHA, keys.get(i), args.get(i)));
      }
      pipeline.sync();
    }
    long written = 0;
    List<Integer> unloaded = new ArrayList<>();
    for (int i = 0; i < responses.size(); i++) {
      try {
        written += (Long) responses.get(i).get();
      } catch (JedisNoScriptException e) {
        // First write to this node since it started (or SCRIPT FLUSH): EVAL sends and caches it.
        unloaded.add(i);
      }
    }
    if (!unloaded.isEmpty()) {
      List<Response<Object>> retried = new ArrayList<>(unloaded.size());
      try (AbstractPipeline pipeline = backend.pipeline()) {
        for (int i : unloaded) {
          retried.add(pipeline.eval(SCRIPT, keys.get(i), args.get(i)));
        }
        pipeline.sync();
      }
      for (Response<Object> response : retried) {
        written += (Long) response.get();
      }
    }
    return written;
  }

  @Override
  public OnlineLookup read(List<EntityRow> entities, List<ViewRequest> views) {
    requireNonNull(entities, "entities are null");
    requireNonNull(views, "views are null");
    checkOpen();
    int rows = entities.size();
    ViewCodec[] viewCodecs = new ViewCodec[views.size()];
    int[][] featureIndexes = new int[views.size()][];
    boolean[][] wanted = new boolean[views.size()][];
    byte[][][] keys = new byte[views.size()][rows][];
    byte[][][] stored = new byte[views.size()][rows][];
    ByteSink sink = new ByteSink();
    boolean fetch = false;
    for (int v = 0; v < views.size(); v++) {
      ViewRequest request = views.get(v);
      if (request == null) {
        throw new NullPointerException("view request " + v + " is null");
      }
      ViewCodec codec = codec(request.view());
      viewCodecs[v] = codec;
      featureIndexes[v] = featureIndexes(request);
      wanted[v] = new boolean[request.view().features().size()];
      for (int index : featureIndexes[v]) {
        wanted[v][index] = true;
      }
      for (int r = 0; r < rows; r++) {
        EntityRow entity = entities.get(r);
        if (entity == null) {
          // Checked explicitly: requireNonNull's message would be built for every row of every lookup.
          throw new NullPointerException("entity row " + r + " is null");
        }
        keys[v][r] = codec.keyForRead(sink, entity, r);
        if (nearCache != null) {
          byte[] hit = nearCache.get(keys[v][r]).orElse(null);
          // A cached row of another version is bypassed: Redis may already hold the new one.
          if (hit != null && RedisLayout.isCurrent(hit, codec.fingerprint)) {
            stored[v][r] = hit;
            continue;
          }
        }
        fetch = true;
      }
    }
    if (fetch) {
      call(() -> "looking up " + rows + " entities", () -> fetch(keys, stored));
    }
    long now = nowMicros();
    List<ViewResult> results = new ArrayList<>(views.size());
    for (int v = 0; v < views.size(); v++) {
      List<List<FeatureValue>> values = new ArrayList<>(rows);
      Object[] decoded = new Object[viewCodecs[v].view.features().size()];
      for (int r = 0; r < rows; r++) {
        values.add(values(viewCodecs[v], stored[v][r], featureIndexes[v], wanted[v], decoded, now));
      }
      results.add(new ViewResult(views.get(v), values));
    }
    return new OnlineLookup(results);
  }

  private Void fetch(byte[][][] keys, byte[][][] stored) {
    List<byte[]> missing = new ArrayList<>(keys.length * (keys.length == 0 ? 0 : keys[0].length));
    for (int v = 0; v < keys.length; v++) {
      for (int r = 0; r < keys[v].length; r++) {
        if (stored[v][r] == null) {
          missing.add(keys[v][r]);
        }
      }
    }
    List<byte[]> values = backend.get(missing.toArray(byte[][]::new));
    int next = 0;
    for (int v = 0; v < keys.length; v++) {
      for (int r = 0; r < keys[v].length; r++) {
        if (stored[v][r] == null) {
          stored[v][r] = values.get(next++);
          if (nearCache != null && stored[v][r] != null) {
            nearCache.put(keys[v][r], stored[v][r]);
          }
        }
      }
    }
    return null;
  }

  private static List<FeatureValue> values(ViewCodec codec, byte[] stored, int[] featureIndexes, boolean[] wanted,
      Object[] decoded, long nowMicros) {
    FeatureValue[] values = new FeatureValue[featureIndexes.length];
    if (stored == null) {
      Arrays.fill(values, FeatureValue.notFound());
      return Arrays.asList(values);
    }
    if (!RedisLayout.isCurrent(stored, codec.fingerprint)) {
      long eventTime = stored.length >= RedisLayout.HEADER_LENGTH ? RedisLayout.eventTime(stored) : FeatureValue.NO_EVENT_TIME;
      Arrays.fill(values, new FeatureValue(null, FeatureValue.Status.VERSION_MISMATCH, eventTime));
      return Arrays.asList(values);
    }
    long eventTime = RedisLayout.eventTime(stored);
    // now - eventTime > ttl, written so that no subtraction can overflow; exactly ttl old is served.
    if (codec.view.hasTtl() && eventTime < ViewCodec.saturatedAdd(nowMicros, -codec.ttlMicros)) {
      Arrays.fill(values, new FeatureValue(null, FeatureValue.Status.OUTSIDE_MAX_AGE, eventTime));
      return Arrays.asList(values);
    }
    RedisLayout.decodeValues(stored, codec.view.features(), wanted, decoded);
    for (int i = 0; i < featureIndexes.length; i++) {
      Object value = decoded[featureIndexes[i]];
      values[i] = new FeatureValue(value, value == null ? FeatureValue.Status.NULL_VALUE : FeatureValue.Status.PRESENT,
          eventTime);
    }
    return Arrays.asList(values);
  }

  private static int[] featureIndexes(ViewRequest request) {
    OnlineView view = request.view();
    int[] indexes = new int[request.features().size()];
    for (int i = 0; i < indexes.length; i++) {
      String feature = request.features().get(i);
      indexes[i] = view.featureIndex(feature);
      if (indexes[i] < 0) {
        throw new OnlineRequestException("view " + view.name() + " has no feature " + feature + "; it has "
            + view.features().stream().map(FeatureColumn::name).toList());
      }
    }
    return indexes;
  }

  /** Runs {@code action} with one retry after a connection failure; {@code what} is only built for the error. */
  private <T> T call(Supplier<String> what, Supplier<T> action) {
    try {
      return action.get();
    } catch (JedisConnectionException first) {
      backend.dropIdleConnections();
      try {
        return action.get();
      } catch (JedisException second) {
        second.addSuppressed(first);
        throw unavailable(what, second);
      }
    } catch (JedisException e) {
      throw unavailable(what, e);
    }
  }

  private OnlineStoreUnavailableException unavailable(Supplier<String> what, JedisException cause) {
    return new OnlineStoreUnavailableException("Redis failed while " + what.get() + " (timeout " + timeout.toMillis()
        + " ms): " + cause.getMessage(), cause);
  }

  private ViewCodec codec(OnlineView view) {
    return codecs.computeIfAbsent(view, v -> new ViewCodec(projectPrefix, v));
  }

  private long nowMicros() {
    Instant now = clock.instant();
    return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
  }

  /** Size of the near cache after pending evictions; tests check its bound. */
  long nearCacheSize() {
    return nearCache == null ? 0 : nearCache.size();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the online store is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    backend.close();
  }

  private static long micros(Duration duration) {
    return ViewCodec.saturatedAdd(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1000);
  }

  private static byte[] sha1Hex(byte[] script) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script)).getBytes(StandardCharsets.US_ASCII);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }
}
