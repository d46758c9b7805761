package dev.parity.client;

/**
 * The near cache's counts since the client was built.
 *
 * @param hits entity rows answered from the cache
 * @param misses entity rows asked of the server (absent, or older than the staleness bound)
 * @param size entity rows held now
 */
public record NearCacheStats(long hits, long misses, long size) {
  /** {@code hits / (hits + misses)}, 0 before any lookup. */
  public double hitRate() {
    long total = hits + misses;
    return total == 0 ? 0 : hits / (double) total;
  }
}
