package dev.parity.server.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.online.NearCacheSettings;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The {@code redis.nearCache} section: an in-process cache of looked-up rows in front of Redis.
 * Off by default: with it on, another process's write is seen only after
 * {@code expireAfterWrite}.
 */
public class NearCacheFactory {
  @JsonProperty
  private boolean enabled = false;

  @Min(1)
  @JsonProperty
  private long maximumSize = 100_000;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  private Duration expireAfterWrite = Duration.seconds(1);

  public boolean isEnabled() {
    return enabled;
  }

  public long getMaximumSize() {
    return maximumSize;
  }

  public Duration getExpireAfterWrite() {
    return expireAfterWrite;
  }

  NearCacheSettings settings() {
    return enabled ? NearCacheSettings.of(maximumSize, expireAfterWrite.toJavaDuration()) : NearCacheSettings.disabled();
  }
}
