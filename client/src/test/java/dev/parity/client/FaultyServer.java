package dev.parity.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback HTTP/1.1 server for the client's tests that answers each request as its policy says,
 * faults included: a normal answer, no answer (the connection held open until the client closes
 * it), a close without answer, a reset, an answer cut off mid-body, bytes that are not HTTP. It
 * counts the connections open, so that tests can see the client close what it abandons. A
 * thread per connection; it stops by {@link #close()}, and can be stopped and started again on
 * the same port.
 */
final class FaultyServer implements AutoCloseable {
  /** A request as received. */
  record Request(String method, String path, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** What the server does with a request. */
  sealed interface Action {}

  /** An answer with this status and JSON body; the connection stays open for the next request. */
  record Answer(int status, String body) implements Action {}

  /** No answer: the connection is held until the client closes it. */
  record Hang() implements Action {}

  /** The connection is closed without an answer. */
  record Drop() implements Action {}

  /** The connection is reset (TCP RST). */
  record Reset() implements Action {}

  /** A 200 whose body stops after half its declared length, then the connection closes. */
  record Truncate(String body) implements Action {}

  /** Bytes that are not HTTP, then the connection closes. */
  record Garbage() implements Action {}

  /**
   * These bytes as they are (an answer framed by hand: chunked, without length...), then the
   * connection is closed if {@code thenClose}, or kept for the next request.
   */
  record Raw(String bytes, boolean thenClose) implements Action {}

  static Action ok(String body) {
    return new Answer(200, body);
  }

  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile Function<Request, Action> policy;
  private volatile ServerSocket listener;
  private volatile Thread acceptor;

  FaultyServer(Function<Request, Action> policy) {
    this.policy = policy;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    this.acceptor = acceptLoop(listener);
  }

  /** A port nothing listens on (a server bound and closed at once): connections to it are refused. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  void policy(Function<Request, Action> policy) {
    this.policy = policy;
  }

  int openConnections() {
    return open.size();
  }

  int requests() {
    return requests.get();
  }

  /** Connections accepted since the start. */
  int accepted() {
    return accepted.get();
  }

  /**
   * Stops listening and closes every connection: the client then finds the port refusing. It
   * waits for the acceptor to leave {@code accept}: a thread blocked there keeps the kernel's
   * socket listening until it is woken, and may still accept a connection made after
   * {@code close()} returned (the acceptor closes such a connection unserved).
   */
  void stop() {
    try {
      listener.close();
      acceptor.join();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping", e);
    }
    open.forEach(FaultyServer::closeQuietly);
  }

  /** Listens again on the same port. */
  void restart() {
    listener = listen(port);
    acceptor = acceptLoop(listener);
  }

  @Override
  public void close() {
    stop();
  }

  private static ServerSocket listen(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Thread acceptLoop(ServerSocket socket) {
    Thread acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try {
          Socket connection = socket.accept();
          if (socket.isClosed()) {
            closeQuietly(connection); // accepted while stopping: see stop()
            return;
          }
          open.add(connection);
          accepted.incrementAndGet();
          Thread handler = new Thread(() -> serve(connection), "faulty-server-connection");
          handler.setDaemon(true);
          handler.start();
        } catch (IOException closed) {
          return; // stopped
        }
      }
    }, "faulty-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return acceptor;
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      while (true) {
        Request request = read(in);
        if (request == null) {
          return; // the client closed the connection
        }
        requests.incrementAndGet();
        if (!act(policy.apply(request), connection, in, out)) {
          return;
        }
      }
    } catch (IOException gone) {
      return; // the client reset or closed the connection mid-request: it is over either way
    } finally {
      open.remove(connection);
    }
  }

  /** Does {@code action}; false when the connection is over. */
  private static boolean act(Action action, Socket connection, InputStream in, OutputStream out) throws IOException {
    if (action instanceof Answer answer) {
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      out.write(concat(head(answer.status(), body.length), body, body.length));
      out.flush();
      return true;
    }
    if (action instanceof Hang) {
      while (in.read() >= 0) {
        // Whatever the client still sends is ignored until it closes the connection.
      }
      return false;
    }
    if (action instanceof Reset) {
      connection.setSoLinger(true, 0);
      return false;
    }
    if (action instanceof Truncate truncate) {
      byte[] body = truncate.body().getBytes(StandardCharsets.UTF_8);
      out.write(concat(head(200, body.length), body, body.length / 2));
      out.flush();
      return false;
    }
    if (action instanceof Raw raw) {
      out.write(raw.bytes().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return !raw.thenClose();
    }
    if (action instanceof Garbage) {
      out.write("\u0000\u00ff garbage, not HTTP \r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return false;
    }
    return false; // Drop
  }

  /** One write per answer: a second small write would wait for the client's delayed ACK (Nagle). */
  private static byte[] concat(byte[] head, byte[] body, int bodyLength) {
    byte[] bytes = Arrays.copyOf(head, head.length + bodyLength);
    System.arraycopy(body, 0, bytes, head.length, bodyLength);
    return bytes;
  }

  private static byte[] head(int status, int length) {
    return ("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The next request on the connection, or null when the client closed it between requests. */
  private static Request read(InputStream in) throws IOException {
    String requestLine = line(in);
    if (requestLine == null) {
      return null;
    }
    Map<String, String> headers = new TreeMap<>();
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    String[] parts = requestLine.split(" ");
    return new Request(parts[0], parts[1], headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        String text = bytes.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      bytes.write(b);
    }
    return null;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
