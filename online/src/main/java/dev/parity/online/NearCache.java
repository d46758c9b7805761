package dev.parity.online;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Arrays;
import java.util.Optional;

/**
 * Stored rows (raw bytes, exactly as Redis returned them) by Redis key, bounded in size and
 * expiring shortly after they were fetched. It holds no decision: the reader re-checks version
 * and age on every hit, so a hit is never served when Redis's copy would be refused. Thread-safe.
 */
final class NearCache {
  private final Cache<Key, byte[]> cache;

  NearCache(NearCacheSettings settings, Ticker ticker) {
    this.cache = Caffeine.newBuilder()
        .maximumSize(settings.maximumSize())
        .expireAfterWrite(settings.expireAfterWrite())
        .ticker(ticker)
        // Evict on the calling thread: the size bound holds when a call returns, not eventually.
        .executor(Runnable::run)
        .build();
  }

  Optional<byte[]> get(byte[] key) {
    return Optional.ofNullable(cache.getIfPresent(new Key(key)));
  }

  void put(byte[] key, byte[] value) {
    cache.put(new Key(key), value);
  }

  void invalidate(byte[] key) {
    cache.invalidate(new Key(key));
  }

  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** A Redis key as a map key: byte arrays compare by identity. */
  private static final class Key {
    private final byte[] bytes;
    private final int hash;

    Key(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
