package dev.parity.client;

/**
 * How the client speaks HTTP to the server ({@link ParityClientBuilder#httpImplementation}). Both
 * speak HTTP/1.1 with kept-alive connections, bounded by {@link ParityClientBuilder#maxConnections},
 * and honour the same timeouts, retries and cancellation.
 */
public enum HttpImplementation {
  /**
   * Plain JDK sockets ({@code java.net.Socket}, {@code SSLSocket} for https), the default: a
   * synchronous call writes its request and reads the answer on the caller's own thread, with no
   * hand-off to another thread; an asynchronous one on a thread of the client's. The leanest path:
   * a 1-row lookup cost a fifth or less of the client CPU of {@link #JDK_HTTP_CLIENT} in the
   * project's benchmark.
   */
  SOCKETS,
  /**
   * The JDK's {@code java.net.http.HttpClient}: every exchange runs on a thread of the client's and
   * the HTTP client's selector thread reads the answers. For servers behind something the plain
   * transport does not speak (e.g. a proxy that needs the JDK client's authentication support).
   */
  JDK_HTTP_CLIENT
}
