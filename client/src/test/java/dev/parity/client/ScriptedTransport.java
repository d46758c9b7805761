package dev.parity.client;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A transport whose attempts the test answers: each send is recorded with a future the test
 * completes (or an answer given up front by {@link #answerAll}).
 */
final class ScriptedTransport implements Transport {
  /** One attempt as sent. */
  record Sent(URI endpoint, CallSpec spec, CompletableFuture<HttpAnswer> answer) {
    void reply(int status, String body) {
      answer.complete(new HttpAnswer(status, body.getBytes(StandardCharsets.UTF_8)));
    }

    void refuse() {
      answer.completeExceptionally(new ConnectException("Connection refused"));
    }

    String body() {
      return new String(spec.body(), StandardCharsets.UTF_8);
    }
  }

  private final List<Sent> sent = new ArrayList<>();
  private Function<Sent, Boolean> responder = attempt -> false;

  /** Answers every attempt as it is sent with {@code responder} (which completes it, or leaves it open). */
  synchronized void answerAll(Function<Sent, Boolean> responder) {
    this.responder = responder;
  }

  @Override
  public void send(URI endpoint, CallSpec spec, long timeoutNanos, boolean callerWaits,
      CompletableFuture<HttpAnswer> answer) {
    Sent attempt = new Sent(endpoint, spec, answer);
    Function<Sent, Boolean> respond;
    synchronized (this) {
      sent.add(attempt);
      respond = responder;
    }
    respond.apply(attempt);
  }

  synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  synchronized Sent last() {
    return sent.get(sent.size() - 1);
  }

  synchronized int count() {
    return sent.size();
  }
}
