package dev.parity.server.app;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.online.servinglog.ServingLogSettings;
import dev.parity.online.servinglog.ServingLogStats;
import dev.parity.online.servinglog.ServingLogger;
import dev.parity.server.servinglog.ParquetServingLogSink;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The {@code servingLog} section (issue 6): a sample of served {@code get-online-features}
 * requests written as Parquet under {@code <offline.path>/serving_log}, in the background; when
 * the queue is full, requests are dropped and counted, never waited for.
 *
 * <pre>
 * servingLog:
 *   enabled: false
 *   sampleRate: 0.01        # fraction of requests logged
 *   queueCapacity: 10000    # requests waiting for the writer
 *   batchSize: 1000
 *   tickInterval: 1s        # how often the writer checks file ages when idle
 *   closeTimeout: 10s       # at shutdown, how long the queue may take to be written
 *   maxRowsPerFile: 1000000
 *   maxFileAge: 10m         # a file is published (readable) at the latest this long after it began
 * </pre>
 */
public class ServingLogFactory {
  @JsonProperty
  private boolean enabled = false;

  @DecimalMin("0")
  @DecimalMax("1")
  @JsonProperty
  private double sampleRate = 0.01;

  @Min(1)
  @Max(10_000_000)
  @JsonProperty
  private int queueCapacity = ServingLogSettings.defaults().queueCapacity();

  @Min(1)
  @Max(1_000_000)
  @JsonProperty
  private int batchSize = ServingLogSettings.defaults().batchSize();

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  private Duration tickInterval = Duration.seconds(1);

  @NotNull
  @JsonProperty
  private Duration closeTimeout = Duration.seconds(10);

  @Min(1)
  @JsonProperty
  private long maxRowsPerFile = ParquetServingLogSink.Settings.defaults().maxRowsPerFile();

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  private Duration maxFileAge = Duration.minutes(10);

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public double getSampleRate() {
    return sampleRate;
  }

  public void setSampleRate(double sampleRate) {
    this.sampleRate = sampleRate;
  }

  public int getQueueCapacity() {
    return queueCapacity;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public Duration getTickInterval() {
    return tickInterval;
  }

  public Duration getCloseTimeout() {
    return closeTimeout;
  }

  public long getMaxRowsPerFile() {
    return maxRowsPerFile;
  }

  public Duration getMaxFileAge() {
    return maxFileAge;
  }

  /** The logger's settings from this section. */
  public ServingLogSettings settings() {
    return new ServingLogSettings(sampleRate, queueCapacity, batchSize, tickInterval.toJavaDuration(),
        closeTimeout.toJavaDuration());
  }

  /** The Parquet sink's settings from this section (compression and row groups: the defaults). */
  public ParquetServingLogSink.Settings sinkSettings() {
    return ParquetServingLogSink.Settings.defaults().withMaxRowsPerFile(maxRowsPerFile)
        .withMaxFileAge(maxFileAge.toJavaDuration());
  }

  /**
   * When enabled, starts the logger writing under {@code offlineDirectory}, closed (queue written,
   * files published) when the server stops after in-flight requests, with its counters as
   * {@code parity.serving-log.*} metrics (counts of requests {@code logged}, {@code dropped},
   * {@code sampled-out}, {@code written}, {@code failed}, and {@code rows-written}, as counters;
   * {@code pending} as a gauge); empty when disabled.
   */
  public Optional<ServingLogger> build(Environment environment, Path offlineDirectory, Clock clock) {
    if (!enabled) {
      return Optional.empty();
    }
    ServingLogger logger = ServingLogger.start(ParquetServingLogSink.create(offlineDirectory, sinkSettings(), clock),
        settings());
    environment.lifecycle().manage(new Managed() {
      @Override
      public void stop() {
        logger.close();
      }
    });
    MetricRegistry metrics = environment.metrics();
    gauge(metrics, logger, "logged", ServingLogStats::logged);
    gauge(metrics, logger, "dropped", ServingLogStats::dropped);
    gauge(metrics, logger, "sampled-out", ServingLogStats::sampledOut);
    gauge(metrics, logger, "written", ServingLogStats::written);
    gauge(metrics, logger, "failed", ServingLogStats::failed);
    gauge(metrics, logger, "rows-written", ServingLogStats::rowsWritten);
    metrics.register("parity.serving-log.pending", (Gauge<Long>) () -> logger.stats().pending());
    return Optional.of(logger);
  }

  /** A monotonic count: named {@code .total}, which the Prometheus export renders as a counter. */
  private static void gauge(MetricRegistry metrics, ServingLogger logger, String name, ToLongFunction<ServingLogStats> stat) {
    metrics.register("parity.serving-log." + name + ".total", (Gauge<Long>) () -> stat.applyAsLong(logger.stats()));
  }
}
