package dev.parity.server.triggers;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server on loopback standing in for the user's pipeline: records deliveries, answers as told. */
final class WebhookReceiver implements AutoCloseable {
  /** One request as received. */
  record Delivery(Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final Deque<Integer> answers = new ArrayDeque<>();
  private final int otherwise;
  private final HttpServer server;

  /** Answers {@code first} statuses in order, then {@code otherwise} for every later request. */
  WebhookReceiver(List<Integer> first, int otherwise) {
    this.answers.addAll(first);
    this.otherwise = otherwise;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/train", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      deliveries.add(new Delivery(Map.copyOf(exchange.getRequestHeaders()), body));
      int status;
      synchronized (answers) {
        status = answers.isEmpty() ? otherwise : answers.poll();
      }
      byte[] answer = ("{\"status\": " + status + "}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/train";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
