package dev.parity.server.lookup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads one lookup's body as far as it has arrived, up to {@code maxRequestSize}, then hands it
 * to {@link #received} (or the failure to read it, a body too large among them). A body that
 * arrived with its headers (the usual case: a lookup is a few hundred bytes) is handed over on
 * the thread that parsed the request; the rest of a body still on its way is awaited with Jetty's
 * demand, whose callback is {@code BLOCKING} and so runs on a pool thread, where the lookup then
 * runs too. One per request.
 */
abstract class BodyReader implements Runnable {
  /** The most a lookup's body buffer starts with (a thousand entity rows take about 10 KiB). */
  private static final int INITIAL_BODY_BYTES = 64 << 10;

  private final Request request;
  private final LookupRequests limits;
  private byte[] body;
  private int length;

  BodyReader(Request request, LookupRequests limits) {
    this.request = request;
    this.limits = limits;
    // The declared length, up to what a large lookup needs: the rest only as it arrives.
    long declared = request.getLength();
    this.body = new byte[declared >= 0 ? (int) Math.min(declared, INITIAL_BODY_BYTES) : 1024];
  }

  /** The whole body: its first {@code length} bytes of {@code body}. */
  abstract void received(byte[] body, int length);

  /** The body could not be read, or was too large. */
  abstract void failed(Exception failure);

  @Override
  public final void run() {
    int maxBodyBytes = limits.maxBodyBytes();
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        Throwable failure = chunk.getFailure();
        failed(failure instanceof Exception exception ? exception
            : new IOException("reading the request body failed", failure));
        return;
      }
      boolean last = chunk.isLast();
      ByteBuffer bytes = chunk.getByteBuffer();
      int n = bytes.remaining();
      if (n > maxBodyBytes - length) {
        chunk.release();
        failed(limits.tooLarge());
        return;
      }
      if (n > body.length - length) {
        body = Arrays.copyOf(body, (int) Math.min(maxBodyBytes, Math.max((long) length + n, 2L * body.length)));
      }
      bytes.get(body, length, n);
      length += n;
      chunk.release();
      if (last) {
        received(body, length);
        return;
      }
    }
  }
}
