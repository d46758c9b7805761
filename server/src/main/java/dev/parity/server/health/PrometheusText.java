package dev.parity.server.health;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Renders a Dropwizard {@link MetricRegistry} in the Prometheus text exposition format 0.0.4, the
 * way Prometheus' own Dropwizard bridge does: gauges as gauges, counters as gauges, meters as
 * {@code _total} counters, histograms as summaries, and timers as summaries in seconds (quantiles
 * 0.5, 0.75, 0.95, 0.98, 0.99, 0.999 and {@code _count}). Two additions of ours: a numeric gauge
 * named {@code *.total} is a count read from elsewhere, rendered as a counter {@code *_total}; a
 * {@link LatencyHistogram} is rendered as a Prometheus histogram ({@code _bucket{le=...}}, {@code
 * _sum}, {@code _count}, in seconds). Names are sanitized to {@code [a-zA-Z_:][a-zA-Z0-9_:]*}; the
 * first metric wins if two sanitize to the same name.
 *
 * <p>Hand-written because the bridge library ({@code prometheus-metrics-instrumentation-dropwizard})
 * is not available from our registry; the format is small and tested against a parser of it.
 * Stateless and thread-safe.
 */
public final class PrometheusText {
  /** The content type of this format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_:]");
  private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
  private static final double NANOS_PER_SECOND = 1e9;

  private PrometheusText() {}

  /** Every metric of {@code registry}, sorted by name. */
  public static String render(MetricRegistry registry) {
    StringBuilder out = new StringBuilder(16_384);
    Set<String> written = new HashSet<>();
    for (Map.Entry<String, Gauge> entry : registry.getGauges().entrySet()) {
      Object value = entry.getValue().getValue();
      Double number = value instanceof Number n ? Double.valueOf(n.doubleValue())
          : value instanceof Boolean b ? Double.valueOf(b ? 1 : 0) : null;
      String name = sanitize(entry.getKey());
      if (number != null && written.add(name)) {
        header(out, name, entry.getKey().endsWith(".total") ? "counter" : "gauge", entry.getKey());
        sample(out, name, "", number);
      }
    }
    for (Map.Entry<String, Counter> entry : registry.getCounters().entrySet()) {
      String name = sanitize(entry.getKey());
      if (written.add(name)) {
        header(out, name, "gauge", entry.getKey());
        sample(out, name, "", entry.getValue().getCount());
      }
    }
    for (Map.Entry<String, Meter> entry : registry.getMeters().entrySet()) {
      String name = sanitize(entry.getKey()) + "_total";
      if (written.add(name)) {
        header(out, name, "counter", entry.getKey());
        sample(out, name, "", entry.getValue().getCount());
      }
    }
    for (Map.Entry<String, Histogram> entry : registry.getHistograms().entrySet()) {
      summary(out, written, entry.getKey(), entry.getValue().getSnapshot(), entry.getValue().getCount(), 1.0);
    }
    for (Map.Entry<String, Timer> entry : registry.getTimers().entrySet()) {
      summary(out, written, entry.getKey(), entry.getValue().getSnapshot(), entry.getValue().getCount(),
          1.0 / NANOS_PER_SECOND);
    }
    for (Map.Entry<String, Metric> entry : new TreeMap<>(registry.getMetrics()).entrySet()) {
      if (entry.getValue() instanceof LatencyHistogram histogram) {
        histogram(out, written, entry.getKey(), histogram.snapshot());
      }
    }
    return out.toString();
  }

  /** {@code name} as a valid Prometheus metric name. */
  public static String sanitize(String name) {
    String sanitized = INVALID.matcher(name).replaceAll("_");
    return sanitized.isEmpty() || Character.isDigit(sanitized.charAt(0)) ? "_" + sanitized : sanitized;
  }

  private static void summary(StringBuilder out, Set<String> written, String metric, Snapshot snapshot, long count,
      double factor) {
    String name = sanitize(metric);
    if (!written.add(name)) {
      return;
    }
    header(out, name, "summary", metric + (factor == 1.0 ? "" : " (seconds)"));
    for (double quantile : QUANTILES) {
      sample(out, name, "{quantile=\"" + quantile + "\"}", snapshot.getValue(quantile) * factor);
    }
    sample(out, name + "_count", "", count);
  }

  private static void histogram(StringBuilder out, Set<String> written, String metric,
      LatencyHistogram.Snapshot snapshot) {
    String name = sanitize(metric);
    if (!written.add(name)) {
      return;
    }
    header(out, name, "histogram", metric + " (seconds)");
    double[] bounds = snapshot.boundsSeconds();
    long[] counts = snapshot.cumulativeCounts();
    for (int i = 0; i < bounds.length; i++) {
      sample(out, name + "_bucket", "{le=\"" + format(bounds[i]) + "\"}", counts[i]);
    }
    sample(out, name + "_bucket", "{le=\"+Inf\"}", snapshot.count());
    sample(out, name + "_sum", "", snapshot.sumSeconds());
    sample(out, name + "_count", "", snapshot.count());
  }

  private static void header(StringBuilder out, String name, String type, String source) {
    out.append("# HELP ").append(name).append(" Dropwizard metric ")
        .append(source.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String labels, double value) {
    out.append(name).append(labels).append(' ').append(format(value)).append('\n');
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return value == StrictMath.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
