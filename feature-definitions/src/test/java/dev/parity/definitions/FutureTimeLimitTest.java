package dev.parity.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FutureTimeLimitTest {
  private static final Instant NOW = Instant.parse("2026-01-31T00:00:00Z");
  private static final long NOW_MICROS = NOW.getEpochSecond() * 1_000_000L;

  @Test
  void allowsTimesUpToNowPlusTheSkewAndNothingLater() {
    FutureTimeLimit limit = FutureTimeLimit.at(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));
    assertThat(limit.latest()).isEqualTo(Instant.parse("2026-01-31T00:05:00Z"));
    assertThat(limit.isBeyond(NOW_MICROS + 300_000_000L)).isFalse();
    assertThat(limit.isBeyond(NOW_MICROS + 300_000_001L)).isTrue();
    assertThat(limit.isBeyond(Long.MIN_VALUE)).isFalse();
    assertThat(limit.describe()).isEqualTo("2026-01-31T00:05:00Z (now + max_future_skew 5m)");
  }

  @Test
  void saturatesAHugeSkewInsteadOfOverflowing() {
    FutureTimeLimit limit = new FutureTimeLimit(NOW, Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(limit.latest()).isEqualTo(Instant.MAX);
    assertThat(limit.latestMicros()).isEqualTo(Long.MAX_VALUE);
    assertThat(limit.isBeyond(Long.MAX_VALUE)).isFalse();
  }

  @Test
  void refusesANegativeSkew() {
    assertThatThrownBy(() -> new FutureTimeLimit(NOW, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }
}
