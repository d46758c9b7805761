package dev.parity.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one attempt of a call to one base URL. Cancelling the returned future aborts the exchange
 * (and closes its connection). The HTTP implementation is {@link HttpTransport}; tests of the
 * retry, hedging and breaker logic use a scripted one.
 */
interface Transport {
  /**
   * @param timeoutNanos the longest the exchange may take, as a backstop of the call's own timers
   * @return the answer, or a failure with the transport's exception ({@link java.io.IOException}...)
   */
  CompletableFuture<HttpAnswer> send(URI endpoint, CallSpec spec, long timeoutNanos);
}
