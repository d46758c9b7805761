package dev.parity.server.triggers;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.triggers.MetricSource;
import dev.parity.definitions.triggers.Trigger;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sample read from the Prometheus endpoint a trigger names: HTTP GET of its text exposition
 * format ({@link PrometheusText}), within the condition's timeout (connection, answer and body
 * together), then the samples of the metric whose labels include the condition's; the largest
 * counts. An endpoint that cannot be reached, answers other than 2xx, sends more than {@value
 * #MAX_BYTES} bytes or text that is not the format, or has no such sample, throws {@link
 * MetricUnavailableException}: the scheduler records it and looks again at its next tick.
 * Redirects are not followed. Thread-safe.
 */
final class PrometheusMetric implements MetricWatch.Source {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PrometheusMetric.class);
  static final int MAX_BYTES = 16 * 1024 * 1024;
  private final HttpClient http;
  private final Clock clock;

  PrometheusMetric(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  @Override
  public Optional<MetricWatch.Value> latest(String project, FeatureRepository repository, Trigger trigger,
      MetricSource source) {
    MetricSource.Prometheus condition = (MetricSource.Prometheus) source;
    String text = fetch(condition);
    List<PrometheusText.Sample> samples;
    try {
      samples = PrometheusText.parse(text);
    } catch (PrometheusText.FormatException e) {
      throw new MetricUnavailableException(condition.url() + " did not answer Prometheus text: " + e.getMessage(), e);
    }
    Optional<PrometheusText.Sample> largest = samples.stream()
        .filter(s -> s.matches(condition.name(), condition.labels()) && !Double.isNaN(s.value()))
        .max(java.util.Comparator.comparingDouble(PrometheusText.Sample::value));
    if (largest.isEmpty()) {
      throw new MetricUnavailableException(condition.url() + " has no sample of " + condition.describe()
          .substring(0, condition.describe().lastIndexOf(" at ")));
    }
    return Optional.of(new MetricWatch.Value(largest.get().value(), clock.instant(), condition.describe()));
  }

  private String fetch(MetricSource.Prometheus condition) {
    HttpRequest request = HttpRequest.newBuilder(condition.url()).GET().timeout(condition.timeout())
        .header("Accept", "text/plain;version=0.0.4;q=1, */*;q=0.1").build();
    CompletableFuture<HttpResponse<InputStream>> answer = http.sendAsync(request,
        HttpResponse.BodyHandlers.ofInputStream());
    long deadline = System.nanoTime() + condition.timeout().toNanos();
    try {
      HttpResponse<InputStream> response = answer.get(condition.timeout().toNanos(), TimeUnit.NANOSECONDS);
      CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> read(response.body()));
      try {
        byte[] bytes = body.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (response.statusCode() / 100 != 2) {
          throw new MetricUnavailableException(condition.url() + " answered " + response.statusCode());
        }
        return new String(bytes, StandardCharsets.UTF_8);
      } finally {
        // Closing the stream ends a body still arriving after the timeout.
        close(response.body());
      }
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new MetricUnavailableException(condition.url() + " did not answer within " + condition.timeout());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MetricUnavailableException unavailable) {
        throw unavailable;
      }
      // The request's own timeout and the wait above are the same limit; whichever ends first says so.
      if (cause instanceof java.net.http.HttpTimeoutException) {
        throw new MetricUnavailableException(condition.url() + " did not answer within " + condition.timeout());
      }
      throw new MetricUnavailableException("cannot read " + condition.url() + ": " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetricUnavailableException("interrupted while reading " + condition.url(), e);
    }
  }

  private static byte[] read(InputStream body) {
    try {
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new MetricUnavailableException("the answer is longer than " + MAX_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new MetricUnavailableException("the answer could not be read: " + e.getMessage(), e);
    }
  }

  private static void close(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      // Nothing more to read from it either way; the value was read or the failure reported.
      LOG.debug("Closing an answer's body failed: {}", e.getMessage());
    }
  }
}
