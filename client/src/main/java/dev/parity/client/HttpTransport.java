package dev.parity.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** {@link Transport} over the JDK's {@link HttpClient}. Thread-safe. */
final class HttpTransport implements Transport {
  /** The JDK's own timeout only backs ours up: it fires a little later than the call's timers. */
  private static final long BACKSTOP_NANOS = Duration.ofMillis(50).toNanos();
  private final HttpClient http;
  private final String authorization;
  private final String userAgent;

  /** @param token the bearer token, or null to send none */
  HttpTransport(HttpClient http, String token, String userAgent) {
    this.http = http;
    this.authorization = token == null ? null : "Bearer " + token;
    this.userAgent = userAgent;
  }

  @Override
  public CompletableFuture<HttpAnswer> send(URI endpoint, CallSpec spec, long timeoutNanos) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + spec.path()))
        .timeout(Duration.ofNanos(timeoutNanos + BACKSTOP_NANOS))
        .header("Accept", "application/json")
        .header("User-Agent", userAgent);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (spec.body() != null) {
      request.header("Content-Type", "application/json").method(spec.method(),
          HttpRequest.BodyPublishers.ofByteArray(spec.body()));
    } else {
      request.method(spec.method(), HttpRequest.BodyPublishers.noBody());
    }
    CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request.build(), BoundedBody.handler());
    CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
    exchange.whenComplete((response, failure) -> {
      if (failure != null) {
        answer.completeExceptionally(failure);
      } else {
        answer.complete(new HttpAnswer(response.statusCode(), response.body()));
      }
    });
    // A dependent future does not cancel its source: pass the cancellation on, which since JDK 16
    // aborts the exchange and closes its connection.
    answer.whenComplete((ignored, failure) -> {
      if (answer.isCancelled()) {
        exchange.cancel(true);
      }
    });
    return answer;
  }
}
