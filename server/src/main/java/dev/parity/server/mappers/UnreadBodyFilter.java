package dev.parity.server.mappers;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what is left of the request body before a refusal is written (401 and 403 from the
 * authentication filter, 404, 405, 415 from routing: all answered before the body was read).
 * Jetty decides when it writes a response whether the connection can stay open, and request
 * content it cannot consume to its end then makes it close the connection without a {@code
 * Connection: close} the client could see: a client reusing the connection (any pooled client,
 * Feast's included) failed its next request with an empty response. Bodies declared larger than
 * {@link #MAX_UNREAD_BYTES} are left to Jetty. Stateless and thread-safe.
 */
public final class UnreadBodyFilter implements ContainerResponseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(UnreadBodyFilter.class);
  static final long MAX_UNREAD_BYTES = 1L << 20;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400 || request.getLength() > MAX_UNREAD_BYTES) {
      return;
    }
    byte[] buffer = new byte[8192];
    long read = 0;
    try {
      // hasEntity() itself throws once the application has read and closed the body.
      if (!request.hasEntity()) {
        return;
      }
      InputStream in = request.getEntityStream();
      for (int n; read <= MAX_UNREAD_BYTES && (n = in.read(buffer)) != -1; ) {
        read += n;
      }
    } catch (IOException | RuntimeException e) {
      // The client went away, its body ended early or does not inflate (Jersey wraps the first in a
      // ProcessingException, Jetty throws the last as a BadMessageException), or the body was read
      // and closed already (IllegalStateException): nothing to do, the refusal is still written.
      LOG.debug("Did not read the rest of a refused request's body", e);
    }
  }
}
