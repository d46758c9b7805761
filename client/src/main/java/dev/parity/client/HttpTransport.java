package dev.parity.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@link Transport} over the JDK's {@link HttpClient}. Thread-safe.
 *
 * <p>Each exchange runs the client's blocking {@link HttpClient#send} on a thread of {@code
 * exchanges} rather than {@link HttpClient#sendAsync}: in JDK 17 {@code sendAsync} hands every
 * answer to {@code CompletableFuture}'s default executor, which on a machine of 2 cores or fewer
 * (common pool parallelism 1) starts a new thread per call; that thread cost 2-4 times the CPU of
 * the rest of a 1-row lookup (bench/RESULTS.md). {@code send} has no such hop. The threads are
 * pooled and at most as many as exchanges in flight (bounded by the connection limit); cancelling
 * an exchange interrupts its thread, which aborts the exchange and closes its connection.
 */
final class HttpTransport implements Transport {
  /** The JDK's own timeout only backs ours up: it fires a little later than the call's timers. */
  private static final long BACKSTOP_NANOS = Duration.ofMillis(50).toNanos();
  private final HttpClient http;
  private final ExecutorService exchanges;
  private final String authorization;
  private final String userAgent;

  /**
   * @param exchanges runs the blocking exchanges, one task per exchange
   * @param token the bearer token, or null to send none
   */
  HttpTransport(HttpClient http, ExecutorService exchanges, String token, String userAgent) {
    this.http = http;
    this.exchanges = exchanges;
    this.authorization = token == null ? null : "Bearer " + token;
    this.userAgent = userAgent;
  }

  /** Always runs the exchange on a thread of {@code exchanges}: cancelling interrupts it, which must never hit a caller. */
  @Override
  public void send(URI endpoint, CallSpec spec, long timeoutNanos, boolean callerWaits,
      CompletableFuture<HttpAnswer> answer) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint + spec.path()))
        .timeout(Duration.ofNanos(timeoutNanos + BACKSTOP_NANOS))
        .header("Accept", "application/json")
        .header("User-Agent", userAgent);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (spec.body() != null) {
      builder.header("Content-Type", "application/json").method(spec.method(),
          HttpRequest.BodyPublishers.ofByteArray(spec.body()));
    } else {
      builder.method(spec.method(), HttpRequest.BodyPublishers.noBody());
    }
    HttpRequest request = builder.build();
    Future<?> exchange;
    try {
      exchange = exchanges.submit(() -> exchange(request, answer));
    } catch (RejectedExecutionException closed) {
      answer.completeExceptionally(new IOException("the client is closed", closed));
      return;
    }
    // Interrupting send() cancels its exchange, which closes the connection.
    answer.whenComplete((ignored, failure) -> {
      if (answer.isCancelled()) {
        exchange.cancel(true);
      }
    });
  }

  private void exchange(HttpRequest request, CompletableFuture<HttpAnswer> answer) {
    if (answer.isDone()) {
      return; // cancelled before it started
    }
    try {
      HttpResponse<byte[]> response = http.send(request, BoundedBody.handler());
      answer.complete(new HttpAnswer(response.statusCode(), response.body()));
    } catch (InterruptedException cancelled) {
      answer.completeExceptionally(new CancellationException("the exchange was cancelled"));
    } catch (IOException | RuntimeException failure) {
      answer.completeExceptionally(failure);
    }
  }
}
