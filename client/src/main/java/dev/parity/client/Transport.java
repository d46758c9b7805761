package dev.parity.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one attempt of a call to one base URL. The HTTP implementations are {@link SocketTransport}
 * (the default) and {@link HttpTransport} (the JDK's {@code HttpClient}); tests of the retry,
 * hedging and breaker logic use a scripted one.
 */
interface Transport {
  /**
   * Sends the attempt and completes {@code answer} with the answer or with the transport's failure
   * ({@link java.io.IOException}...). Cancelling {@code answer}, from any thread and at any time,
   * aborts the exchange and closes its connection; it never interrupts a thread the transport does
   * not own.
   *
   * @param timeoutNanos the longest the exchange may take, as a backstop of the call's own timers
   * @param callerWaits whether the calling thread is the caller of a synchronous call, which waits
   *     for the call's end anyway: a blocking transport may then run the exchange on it, and this
   *     method returns once the exchange is over
   * @param answer completed by the transport, or cancelled by the attempt
   */
  void send(URI endpoint, CallSpec spec, long timeoutNanos, boolean callerWaits, CompletableFuture<HttpAnswer> answer);

  /** Closes the idle connections the transport keeps; the calls in flight are cancelled by the client. */
  default void close() {}
}
