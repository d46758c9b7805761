package dev.parity.client.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server (the JDK's) answering each request as its handler says: the client's
 * calls go over real HTTP, so the metrics see what a real server would cause. A thread per
 * request, so that a handler may hold one request until another arrives.
 */
final class LoopbackServer implements AutoCloseable {
  /** The status and JSON body to answer the {@code number}th request (1 for the first) with. */
  interface Handler {
    Answer answer(int number) throws InterruptedException;
  }

  record Answer(int status, String body) {}

  /** A lookup of driver 1001: its key and conv_rate 0.5. */
  static final String ONE_ROW = """
      {"metadata":{"feature_names":["driver_id","conv_rate"]},"results":[\
      {"values":[1001],"statuses":["PRESENT"],"event_timestamps":["1970-01-01T00:00:00Z"]},\
      {"values":[0.5],"statuses":["PRESENT"],"event_timestamps":["2026-01-30T23:00:00Z"]}]}""";

  static Answer ok() {
    return new Answer(200, ONE_ROW);
  }

  static Answer error(int status) {
    return new Answer(status, "{\"code\":" + status + ",\"message\":\"scripted failure\"}");
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Handler handler;

  LoopbackServer(Handler handler) {
    this.handler = handler;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers from now on as {@code next} says, numbering requests from 1 again. */
  void answer(Handler next) {
    requests.set(0);
    handler = next;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      Answer answer;
      try {
        answer = handler.answer(requests.incrementAndGet());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer = error(503);
      }
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException clientGone) {
      // The client cancelled the attempt (a hedge lost): nothing to answer.
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
