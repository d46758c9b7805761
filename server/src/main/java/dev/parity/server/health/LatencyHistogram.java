package dev.parity.server.health;

import com.codahale.metrics.Gauge;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram with fixed, cumulative buckets, for Prometheus' {@code histogram} type:
 * unlike a Dropwizard timer, whose reservoir keeps a decaying sample and so can give quantiles but
 * not counts since start per bucket, this counts every observation in its bucket. Prometheus can
 * then aggregate it across servers and compute any quantile over any window, which a summary's
 * per-process quantiles do not allow.
 *
 * <p>Registered in a {@link com.codahale.metrics.MetricRegistry} as a {@link Gauge} of its {@link
 * Snapshot}: a registry with listeners (Dropwizard's JMX reporter is one in every real server)
 * refuses metrics of any type it does not know. {@link PrometheusText} renders it as {@code
 * <name>_bucket{le=...}}, {@code <name>_sum} and {@code <name>_count}, in seconds. Thread-safe and
 * lock-free: one {@link LongAdder} per bucket.
 */
public final class LatencyHistogram implements Gauge<LatencyHistogram.Snapshot> {
  /** Upper bounds in seconds: 0.5 ms to 30 s, the range of lookups and of synchronous jobs. */
  public static final List<Double> DEFAULT_BOUNDS_SECONDS =
      List.of(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0);

  private final double[] boundsSeconds;
  private final long[] boundsNanos;
  // One more than the bounds: the +Inf bucket.
  private final LongAdder[] buckets;
  private final LongAdder sumNanos = new LongAdder();

  /** A histogram with {@link #DEFAULT_BOUNDS_SECONDS}. */
  public LatencyHistogram() {
    this(DEFAULT_BOUNDS_SECONDS);
  }

  /**
   * @param boundsSeconds the buckets' upper bounds in seconds, increasing
   * @throws IllegalArgumentException if they are empty, not positive or not increasing
   */
  public LatencyHistogram(List<Double> boundsSeconds) {
    this.boundsSeconds = boundsSeconds.stream().mapToDouble(Double::doubleValue).toArray();
    if (this.boundsSeconds.length == 0) {
      throw new IllegalArgumentException("a histogram needs at least one bucket bound");
    }
    this.boundsNanos = new long[this.boundsSeconds.length];
    for (int i = 0; i < this.boundsSeconds.length; i++) {
      if (!(this.boundsSeconds[i] > 0) || (i > 0 && this.boundsSeconds[i] <= this.boundsSeconds[i - 1])) {
        throw new IllegalArgumentException("bucket bounds must be positive and increasing: " + boundsSeconds);
      }
      boundsNanos[i] = Math.round(this.boundsSeconds[i] * 1e9);
    }
    this.buckets = new LongAdder[this.boundsSeconds.length + 1];
    Arrays.setAll(buckets, i -> new LongAdder());
  }

  /** Counts one observation of {@code nanos} (negative counts as 0). */
  public void record(long nanos) {
    long value = Math.max(0, nanos);
    int index = Arrays.binarySearch(boundsNanos, value);
    // A value equal to a bound belongs to that bound's bucket (le: less than or equal).
    buckets[index >= 0 ? index : -index - 1].increment();
    sumNanos.add(value);
  }

  /**
   * The counts now: per bound, the observations less than or equal to it (cumulative), the
   * total count (the {@code +Inf} bucket) and the sum in seconds. Each bucket is read once, so the
   * cumulative counts never decrease and the total equals the last one, even while recording.
   */
  public Snapshot snapshot() {
    long[] cumulative = new long[buckets.length];
    long running = 0;
    for (int i = 0; i < buckets.length; i++) {
      running += buckets[i].sum();
      cumulative[i] = running;
    }
    return new Snapshot(boundsSeconds.clone(), cumulative, sumNanos.sum() / 1e9);
  }

  /** {@link #snapshot()}, for reporters that read gauges (JMX, the admin JSON {@code /metrics}). */
  @Override
  public Snapshot getValue() {
    return snapshot();
  }

  /**
   * @param boundsSeconds upper bounds, without {@code +Inf}
   * @param cumulativeCounts one per bound, then the total
   * @param sumSeconds the sum of observations
   */
  public record Snapshot(double[] boundsSeconds, long[] cumulativeCounts, double sumSeconds) {
    /** Observations in all. */
    public long count() {
      return cumulativeCounts[cumulativeCounts.length - 1];
    }
  }
}
