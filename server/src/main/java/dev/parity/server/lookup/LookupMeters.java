package dev.parity.server.lookup;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.parity.server.health.LatencyHistogram;
import java.util.concurrent.TimeUnit;

/**
 * The lookup endpoint's own meters, which Jersey's annotations and Dropwizard's per-context
 * request metrics would otherwise have kept: the {@code parity.http.get-online-features} timer
 * and {@code .exceptions} meter as Dropwizard's annotations name them, the {@code .seconds}
 * latency histogram, and answers by status class ({@code .2xx-responses} to {@code
 * .5xx-responses}). Thread-safe.
 */
final class LookupMeters {
  static final String METRIC = "parity.http.get-online-features";

  private final Timer timer;
  private final Meter exceptions;
  /** Answers by status class, 1xx to 5xx, as Dropwizard's request metrics name them. */
  private final Meter[] statuses;
  private final LatencyHistogram latency;

  /** @param latency the endpoint's latency histogram, {@code parity.http.get-online-features.seconds} */
  LookupMeters(MetricRegistry metrics, LatencyHistogram latency) {
    this.timer = metrics.timer(METRIC);
    this.exceptions = metrics.meter(METRIC + ".exceptions");
    this.statuses = new Meter[5];
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] = metrics.meter(METRIC + "." + (i + 1) + "xx-responses");
    }
    this.latency = requireNonNull(latency, "latency is null");
  }

  /** A lookup that failed (answered with its error, not refused before its body was read). */
  void failed() {
    exceptions.mark();
  }

  /** A lookup answered with {@code status} after {@code elapsedNanos}. */
  void answered(int status, long elapsedNanos) {
    latency.record(elapsedNanos);
    timer.update(elapsedNanos, TimeUnit.NANOSECONDS);
    statuses[status / 100 - 1].mark();
  }
}
