package dev.parity.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers of recent lookups, by entity row: bounded to {@code maxRows} rows (least recently used
 * first out) and never serving a row older than {@code maxStalenessNanos} since it was received.
 * Rows of every status are kept, so that a missing entity is not asked for again and again
 * within the staleness bound. Striped LRU maps, each behind its own lock: the JDK has no
 * concurrent LRU, and Caffeine is no dependency of the client (the client is the JDK and Jackson
 * only, so that it fits any service's classpath). Thread-safe.
 */
final class NearCache {
  private static final int STRIPES = 16;
  private final Stripe[] stripes;
  private final long maxStalenessNanos;
  private final Ticker ticker;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  private record Entry(RowData row, long storedAt) {}

  private static final class Stripe extends LinkedHashMap<String, Entry> {
    private final int capacity;

    Stripe(int capacity) {
      super(16, 0.75f, true);
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > capacity;
    }
  }

  NearCache(int maxRows, long maxStalenessNanos, Ticker ticker) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("the near cache must hold at least 1 row, got " + maxRows);
    }
    if (maxStalenessNanos <= 0) {
      throw new IllegalArgumentException("the near cache's staleness bound must be positive");
    }
    int count = Math.min(STRIPES, maxRows);
    this.stripes = new Stripe[count];
    for (int i = 0; i < count; i++) {
      // Spread the bound: the stripes' capacities add up to maxRows.
      stripes[i] = new Stripe(maxRows / count + (i < maxRows % count ? 1 : 0));
    }
    this.maxStalenessNanos = maxStalenessNanos;
    this.ticker = ticker;
  }

  /** The row for {@code key} if it was stored less than the staleness bound ago, else null. */
  RowData get(String key) {
    Stripe stripe = stripe(key);
    long now = ticker.read();
    Entry entry;
    synchronized (stripe) {
      entry = stripe.get(key);
      if (entry != null && now - entry.storedAt() >= maxStalenessNanos) {
        stripe.remove(key);
        entry = null;
      }
    }
    (entry == null ? misses : hits).increment();
    return entry == null ? null : entry.row();
  }

  void put(String key, RowData row, long receivedAt) {
    Stripe stripe = stripe(key);
    synchronized (stripe) {
      stripe.put(key, new Entry(row, receivedAt));
    }
  }

  NearCacheStats stats() {
    long size = 0;
    for (Stripe stripe : stripes) {
      synchronized (stripe) {
        size += stripe.size();
      }
    }
    return new NearCacheStats(hits.sum(), misses.sum(), size);
  }

  private Stripe stripe(String key) {
    int hash = key.hashCode();
    return stripes[Math.floorMod(hash ^ (hash >>> 16), stripes.length)];
  }
}
