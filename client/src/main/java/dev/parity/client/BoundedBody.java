package dev.parity.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body as bytes, refused past {@link #MAX_BYTES}: a server or proxy that streams
 * garbage without end must not fill the caller's heap. The largest real answer (a lookup of the
 * server's most entity rows) is a few MiB.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  static final int MAX_BYTES = 64 << 20;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  static HttpResponse.BodyHandler<byte[]> handler() {
    return info -> new BoundedBody();
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      if (bytes.size() + buffer.remaining() > MAX_BYTES) {
        subscription.cancel();
        body.completeExceptionally(new IOException("the answer is larger than " + (MAX_BYTES >> 20) + " MiB"));
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable failure) {
    body.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    body.complete(bytes.toByteArray());
  }
}
