package dev.parity.server.app;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.annotation.Timed;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.server.health.LatencyHistogram;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/**
 * A {@link LatencyHistogram} per endpoint: every resource method with an absolute {@link Timed}
 * name {@code N} gets a histogram {@code N.seconds} (Prometheus {@code N_seconds_bucket...}) fed
 * by a filter that runs before authentication and after everything else, so rejected and failed
 * requests count too. Measured from the request filter to the response filter: the response
 * body's serialization is not included, as for the {@code @Timed} timers. Thread-safe.
 */
public final class EndpointLatency implements DynamicFeature {
  /** Before the authentication filter, so a 401 or 403 is timed as well. */
  private static final int PRIORITY = Priorities.AUTHENTICATION - 100;

  private final MetricRegistry metrics;
  private final Ticker ticker;

  /** @param ticker the time source, {@link Ticker#systemTicker()} in production */
  public EndpointLatency(MetricRegistry metrics, Ticker ticker) {
    this.metrics = requireNonNull(metrics, "metrics is null");
    this.ticker = requireNonNull(ticker, "ticker is null");
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Timed timed = resource.getResourceMethod().getAnnotation(Timed.class);
    if (timed != null && timed.absolute() && !timed.name().isEmpty()) {
      context.register(new Filter(histogram(timed.name() + ".seconds"), ticker), PRIORITY);
    }
  }

  /** The histogram named {@code name}, registered now if it is not yet. */
  public synchronized LatencyHistogram histogram(String name) {
    Metric existing = metrics.getMetrics().get(name);
    if (existing instanceof LatencyHistogram histogram) {
      return histogram;
    }
    return metrics.register(name, new LatencyHistogram());
  }

  private static final class Filter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String START = EndpointLatency.class.getName() + ".start";
    private final LatencyHistogram histogram;
    private final Ticker ticker;

    Filter(LatencyHistogram histogram, Ticker ticker) {
      this.histogram = histogram;
      this.ticker = ticker;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      request.setProperty(START, ticker.read());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (request.getProperty(START) instanceof Long start) {
        histogram.record(ticker.read() - start);
      }
    }
  }
}
