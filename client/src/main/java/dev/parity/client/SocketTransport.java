package dev.parity.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * {@link Transport} over blocking JDK sockets: HTTP/1.1 with keep-alive, one exchange per
 * connection at a time, idle connections kept per base URL (at most {@code maxIdle} each, closed
 * once idle for {@link #MAX_IDLE}). Thread-safe.
 *
 * <p>Why a transport of its own: through the JDK {@code HttpClient} a synchronous 1-row lookup
 * crossed three threads (the caller hands the exchange to a pool thread, the client's selector
 * thread reads the answer and wakes the pool thread, which wakes the caller), and the client's
 * per-request machinery cost more CPU than the server's work on the lookup (bench/HISTORY.md).
 * Here a synchronous call's exchange runs on the caller's own thread, which writes the request
 * and blocks reading the answer: one wake-up per lookup, by the kernel. Asynchronous calls, and
 * retries after a backoff, run on a pool thread of the client's ({@code exchanges}).
 *
 * <p>Cancelling an exchange closes its socket, which ends a blocked connect, write or read with
 * an {@link IOException}: no thread is interrupted, so a caller's thread never is. Each read
 * also has a socket timeout, a backstop of the call's own timers.
 *
 * <p>A request that finds a kept connection closed by the server while idle (no byte of an
 * answer before the end of the stream or a reset) is sent once more on a new connection when it
 * is idempotent, as browsers and the JDK client do; anything else is the attempt's failure.
 */
final class SocketTransport implements Transport {
  /** Idle connections older than this are closed rather than reused: servers close theirs after 30 s or more. */
  static final Duration MAX_IDLE = Duration.ofSeconds(20);
  private static final long BACKSTOP_NANOS = Duration.ofMillis(50).toNanos();
  private final int connectTimeoutMillis;
  private final ExecutorService exchanges;
  private final int maxIdle;
  private final byte[] fixedHeaders;
  private final Map<URI, Pool> pools = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param exchanges runs the exchanges of asynchronous calls, one task per exchange
   * @param maxIdle the most idle connections kept per base URL
   * @param token the bearer token, or null to send none
   */
  SocketTransport(Duration connectTimeout, ExecutorService exchanges, int maxIdle, String token, String userAgent) {
    this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
    this.exchanges = exchanges;
    this.maxIdle = maxIdle;
    this.fixedHeaders = ("Accept: application/json\r\nUser-Agent: " + userAgent + "\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")).getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void send(URI endpoint, CallSpec spec, long timeoutNanos, boolean callerWaits,
      CompletableFuture<HttpAnswer> answer) {
    Exchange exchange = new Exchange();
    answer.whenComplete((ignored, failure) -> {
      if (answer.isCancelled()) {
        exchange.abort();
      }
    });
    Runnable task = () -> exchange(pools.computeIfAbsent(endpoint, Pool::new), spec, timeoutNanos, exchange, answer);
    if (callerWaits) {
      task.run();
      return;
    }
    try {
      exchanges.execute(task);
    } catch (RejectedExecutionException stopped) {
      answer.completeExceptionally(new IOException("the client is closed", stopped));
    }
  }

  @Override
  public void close() {
    closed = true;
    pools.values().forEach(Pool::close);
  }

  private void exchange(Pool pool, CallSpec spec, long timeoutNanos, Exchange exchange,
      CompletableFuture<HttpAnswer> answer) {
    if (answer.isDone()) {
      return; // cancelled before it started
    }
    long deadline = System.nanoTime() + timeoutNanos + BACKSTOP_NANOS;
    try {
      byte[] request = pool.request(spec);
      HttpAnswer got = null;
      for (boolean first = true; got == null; first = false) {
        HttpConnection connection = pool.idle();
        boolean reused = connection != null;
        if (!reused) {
          connection = new HttpConnection(new Socket());
        }
        if (!exchange.attach(connection)) {
          connection.close();
          return; // cancelled: the answer is complete already
        }
        try {
          if (!reused) {
            pool.connect(connection);
          }
          got = connection.exchange(request, deadline);
        } catch (IOException | RuntimeException failed) {
          connection.close();
          if (!exchange.detach()) {
            return; // cancelled: the failure is the cancellation's
          }
          if (!(reused && first && spec.idempotent() && !connection.anyAnswerByte()
              && failed instanceof IOException && !(failed instanceof SocketTimeoutException))) {
            throw failed;
          }
          continue; // a kept connection the server had closed: once more on a new one
        }
        if (!exchange.detach()) {
          return; // cancelled while the answer came: the connection is closed
        }
        pool.release(connection);
      }
      answer.complete(got);
    } catch (IOException | RuntimeException failure) {
      answer.completeExceptionally(failure);
    }
  }

  /** Which connection an exchange is using, so that a cancellation from another thread can close it. */
  private static final class Exchange {
    private HttpConnection connection;
    private boolean aborted;

    /** False when the exchange was cancelled: the connection is not to be used. */
    synchronized boolean attach(HttpConnection used) {
      connection = used;
      return !aborted;
    }

    /** False when the exchange was cancelled (its connection closed by then). */
    synchronized boolean detach() {
      connection = null;
      return !aborted;
    }

    void abort() {
      HttpConnection used;
      synchronized (this) {
        aborted = true;
        used = connection;
        connection = null;
      }
      if (used != null) {
        used.close();
      }
    }
  }

  /** The connections to one base URL and what every request to it starts with. */
  private final class Pool {
    private final URI endpoint;
    private final String host;
    private final int port;
    private final boolean tls;
    private final String pathPrefix;
    private final byte[] hostHeader;
    // Guarded by this: most recently used first.
    private final ArrayDeque<HttpConnection> idle = new ArrayDeque<>();

    Pool(URI endpoint) {
      this.endpoint = endpoint;
      this.tls = "https".equals(endpoint.getScheme());
      this.host = endpoint.getHost();
      this.port = endpoint.getPort() >= 0 ? endpoint.getPort() : tls ? 443 : 80;
      this.pathPrefix = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
      this.hostHeader = ("Host: " + host + (endpoint.getPort() >= 0 ? ":" + port : "") + "\r\n")
          .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request's bytes: head and body, sent in one write. */
    byte[] request(CallSpec spec) {
      String target = pathPrefix + spec.path();
      if (!target.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        String ascii = URI.create(endpoint + spec.path()).toASCIIString(); // percent-encodes what is not ASCII
        target = ascii.substring(ascii.indexOf('/', ascii.indexOf("//") + 2));
      }
      byte[] body = spec.body();
      int length = body == null ? 0 : body.length;
      String line = spec.method() + " " + target + " HTTP/1.1\r\n";
      String framing = (body != null ? "Content-Type: application/json\r\n" : "") + "Content-Length: " + length
          + "\r\n\r\n";
      byte[] bytes = new byte[line.length() + hostHeader.length + fixedHeaders.length + framing.length() + length];
      int at = ascii(line, bytes, 0);
      System.arraycopy(hostHeader, 0, bytes, at, hostHeader.length);
      at += hostHeader.length;
      System.arraycopy(fixedHeaders, 0, bytes, at, fixedHeaders.length);
      at += fixedHeaders.length;
      at = ascii(framing, bytes, at);
      if (body != null) {
        System.arraycopy(body, 0, bytes, at, length);
      }
      return bytes;
    }

    /** The most recently used idle connection, or null; older ones than {@link #MAX_IDLE} are closed. */
    HttpConnection idle() {
      long now = System.nanoTime();
      while (true) {
        HttpConnection connection;
        synchronized (this) {
          connection = idle.pollFirst();
        }
        if (connection == null || now - connection.idleSince() < MAX_IDLE.toNanos()) {
          return connection;
        }
        connection.close();
      }
    }

    void connect(HttpConnection connection) throws IOException {
      Socket raw = connection.raw();
      try {
        raw.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        raw.setTcpNoDelay(true); // each request is one write, which must not wait for an ACK
      } catch (SocketTimeoutException slow) {
        throw new HttpConnectTimeoutException("cannot connect to " + host + ":" + port + " within "
            + connectTimeoutMillis + " ms");
      } catch (UnknownHostException unknown) {
        ConnectException refused = new ConnectException("unknown host " + host);
        refused.initCause(unknown);
        throw refused;
      }
      if (!tls) {
        connection.streams(raw);
        return;
      }
      SSLSocket secure;
      try {
        secure = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(raw, host, port, true);
      } catch (NoSuchAlgorithmException e) {
        throw new IOException("no TLS in this JVM", e);
      }
      SSLParameters parameters = secure.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      secure.setSSLParameters(parameters);
      secure.startHandshake();
      connection.streams(secure);
    }

    /** Keeps a connection that answered cleanly for the next exchange, or closes it. */
    void release(HttpConnection connection) {
      if (connection.reusable()) {
        connection.idleSince(System.nanoTime());
        synchronized (this) {
          if (!closed && idle.size() < maxIdle) {
            idle.addFirst(connection);
            return;
          }
        }
      }
      connection.close();
    }

    void close() {
      HttpConnection[] all;
      synchronized (this) {
        all = idle.toArray(HttpConnection[]::new);
        idle.clear();
      }
      for (HttpConnection connection : all) {
        connection.close();
      }
    }
  }

  private static int ascii(String text, byte[] into, int at) {
    for (int i = 0; i < text.length(); i++) {
      into[at + i] = (byte) text.charAt(i);
    }
    return at + text.length();
  }
}
