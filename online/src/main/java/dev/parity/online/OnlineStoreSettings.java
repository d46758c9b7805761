package dev.parity.online;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the store lays out and writes data.
 *
 * @param project prefixes every key, so several projects can share one Redis
 * @param expiryGrace Redis drops a value at {@code event_time + ttl + expiryGrace}. Reads refuse
 *     values older than ttl by themselves; the grace only keeps them long enough to be reported
 *     as {@code OUTSIDE_MAX_AGE} rather than {@code NOT_FOUND}, and absorbs clock skew between
 *     Redis and this process
 * @param writeBatchSize rows per pipelined round trip when writing
 */
public record OnlineStoreSettings(String project, Duration expiryGrace, int writeBatchSize, NearCacheSettings nearCache) {
  public static final Duration DEFAULT_EXPIRY_GRACE = Duration.ofHours(1);
  public static final int DEFAULT_WRITE_BATCH_SIZE = 500;

  public OnlineStoreSettings {
    requireNonNull(project, "project is null");
    requireNonNull(expiryGrace, "expiryGrace is null");
    requireNonNull(nearCache, "nearCache is null");
    RedisLayout.projectPrefix(project);
    if (expiryGrace.isNegative()) {
      throw new IllegalArgumentException("expiryGrace is negative: " + expiryGrace);
    }
    if (writeBatchSize < 1) {
      throw new IllegalArgumentException("writeBatchSize must be at least 1, got " + writeBatchSize);
    }
  }

  /** Defaults for {@code project}: one hour grace, batches of 500, no near cache. */
  public static OnlineStoreSettings defaults(String project) {
    return new OnlineStoreSettings(project, DEFAULT_EXPIRY_GRACE, DEFAULT_WRITE_BATCH_SIZE, NearCacheSettings.disabled());
  }

  public OnlineStoreSettings withNearCache(NearCacheSettings settings) {
    return new OnlineStoreSettings(project, expiryGrace, writeBatchSize, settings);
  }

  public OnlineStoreSettings withWriteBatchSize(int size) {
    return new OnlineStoreSettings(project, expiryGrace, size, nearCache);
  }

  public OnlineStoreSettings withExpiryGrace(Duration grace) {
    return new OnlineStoreSettings(project, grace, writeBatchSize, nearCache);
  }
}
