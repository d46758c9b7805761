package dev.parity.client;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

/**
 * What every call of one client shares: its base URLs with their circuit breakers, the transport,
 * timers, retry policy and budget, the bound on exchanges in flight, the listener. Thread-safe.
 */
final class ClientCore {
  final List<CircuitBreaker> endpoints;
  final Transport transport;
  final Scheduler scheduler;
  final Ticker ticker;
  final RetryPolicy retry;
  final RetryBudget budget;
  final InFlightLimiter limiter;
  final ParityClientListener listener;
  /** Uniform in [0, 1): the jitter of backoffs. */
  final DoubleSupplier random;
  private final AtomicInteger rotation = new AtomicInteger();
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  ClientCore(List<URI> baseUrls, CircuitBreakerPolicy breakers, Transport transport, Scheduler scheduler, Ticker ticker,
      RetryPolicy retry, InFlightLimiter limiter, ParityClientListener listener, DoubleSupplier random) {
    this.listener = new SafeListener(listener);
    this.endpoints = baseUrls.stream().map(url -> new CircuitBreaker(url, breakers, ticker, this.listener)).toList();
    this.transport = transport;
    this.scheduler = scheduler;
    this.ticker = ticker;
    this.retry = retry;
    this.budget = new RetryBudget(retry.budgetRatio(), retry.budgetBurst());
    this.limiter = limiter;
    this.random = random;
  }

  /** Runs one call: attempts, retries and hedges within its deadline. */
  <T> CompletableFuture<T> call(CallSpec spec, BodyParser<T> parser) {
    return call(spec, parser, false);
  }

  /**
   * As {@link #call(CallSpec, BodyParser)}; {@code callerWaits}: the calling thread waits for the
   * call's end (a synchronous call), so its exchange may run on that thread before this returns.
   */
  <T> CompletableFuture<T> call(CallSpec spec, BodyParser<T> parser, boolean callerWaits) {
    if (closed) {
      throw new IllegalStateException("the Parity client is closed");
    }
    Call<T> call = new Call<>(this, spec, parser, callerWaits);
    CompletableFuture<T> result = call.result();
    // Known before it starts: close() must reach a call whose exchange runs on its caller's thread.
    inFlight.add(result);
    result.whenComplete((value, failure) -> inFlight.remove(result));
    return call.start();
  }

  /** Refuses new calls, fails the ones in flight (which cancels their attempts) and closes idle connections. */
  void close() {
    closed = true;
    for (CompletableFuture<?> call : inFlight) {
      call.completeExceptionally(new UnavailableException("the Parity client was closed", 0, null));
    }
    transport.close();
  }

  /** Where a call's first attempt goes: base URLs in turn, so that calls spread over them. */
  int nextRotation() {
    return rotation.getAndIncrement() & Integer.MAX_VALUE;
  }

  Map<URI, CircuitState> circuits() {
    return endpoints.stream().collect(Collectors.toMap(CircuitBreaker::endpoint, CircuitBreaker::state,
        (a, b) -> a, java.util.LinkedHashMap::new));
  }
}
