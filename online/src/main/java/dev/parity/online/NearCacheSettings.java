package dev.parity.online;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * An optional in-process cache of stored rows in front of Redis. Off by default: it trades
 * freshness (another process's write is seen only after {@code expireAfterWrite}) for fewer round
 * trips. A cached row is still checked against the view's ttl and version at every read.
 */
public record NearCacheSettings(boolean enabled, long maximumSize, Duration expireAfterWrite) {
  public NearCacheSettings {
    requireNonNull(expireAfterWrite, "expireAfterWrite is null");
    if (enabled && (maximumSize < 1 || expireAfterWrite.isNegative() || expireAfterWrite.isZero())) {
      throw new IllegalArgumentException(
          "a near cache needs a positive size and expiry, got " + maximumSize + " and " + expireAfterWrite);
    }
  }

  public static NearCacheSettings disabled() {
    return new NearCacheSettings(false, 0, Duration.ofSeconds(1));
  }

  public static NearCacheSettings of(long maximumSize, Duration expireAfterWrite) {
    return new NearCacheSettings(true, maximumSize, expireAfterWrite);
  }
}
