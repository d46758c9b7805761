package dev.parity.online.servinglog;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a {@link ServingLogger} samples and queues.
 *
 * @param sampleRate fraction of requests logged, 0 (off) to 1 (all); deterministic: of any {@code
 *     n} consecutive requests, {@code floor(n * rate)} or one more are logged
 * @param queueCapacity most requests waiting for the writer; when full, more are dropped (and
 *     counted), never waited for
 * @param batchSize most requests handed to the sink in one write
 * @param tickInterval longest the writer waits for requests before calling {@link
 *     ServingLogSink#tick()}
 * @param closeTimeout how long {@link ServingLogger#close()} waits for the queue to be written
 */
public record ServingLogSettings(
    double sampleRate, int queueCapacity, int batchSize, Duration tickInterval, Duration closeTimeout) {

  /**
   * @throws IllegalArgumentException a value out of range, naming it
   */
  public ServingLogSettings {
    if (!(sampleRate >= 0 && sampleRate <= 1)) {
      throw new IllegalArgumentException("serving log sample rate must be in [0, 1]: " + sampleRate);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("serving log queue capacity must be positive: " + queueCapacity);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("serving log batch size must be positive: " + batchSize);
    }
    requireNonNull(tickInterval, "tick interval is null");
    requireNonNull(closeTimeout, "close timeout is null");
    if (tickInterval.isNegative() || tickInterval.isZero()) {
      throw new IllegalArgumentException("serving log tick interval must be positive: " + tickInterval);
    }
    if (closeTimeout.isNegative()) {
      throw new IllegalArgumentException("serving log close timeout must not be negative: " + closeTimeout);
    }
  }

  /** Off (rate 0), 10 000 queued requests, batches of 1 000, a tick each second, 10 s to close. */
  public static ServingLogSettings defaults() {
    return new ServingLogSettings(0, 10_000, 1_000, Duration.ofSeconds(1), Duration.ofSeconds(10));
  }

  public ServingLogSettings withSampleRate(double value) {
    return new ServingLogSettings(value, queueCapacity, batchSize, tickInterval, closeTimeout);
  }

  public ServingLogSettings withQueueCapacity(int value) {
    return new ServingLogSettings(sampleRate, value, batchSize, tickInterval, closeTimeout);
  }

  public ServingLogSettings withBatchSize(int value) {
    return new ServingLogSettings(sampleRate, queueCapacity, value, tickInterval, closeTimeout);
  }

  public ServingLogSettings withTickInterval(Duration value) {
    return new ServingLogSettings(sampleRate, queueCapacity, batchSize, value, closeTimeout);
  }

  public ServingLogSettings withCloseTimeout(Duration value) {
    return new ServingLogSettings(sampleRate, queueCapacity, batchSize, tickInterval, value);
  }
}
