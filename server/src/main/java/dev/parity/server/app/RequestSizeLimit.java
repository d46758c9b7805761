package dev.parity.server.app;

import java.util.zip.ZipException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.server.handler.gzip.GzipRequest;
import org.eclipse.jetty.util.Callback;

/**
 * The server's {@code maxRequestSize}: a request whose body is declared larger is answered 413
 * before any of it is read; a body of unknown length (chunked) is counted as it is read and the
 * read that passes the limit fails with a 413, which every reader (Jersey through the servlet
 * input, the lookup handler through Jetty's chunks) answers as such and Jetty's error handler
 * writes as JSON. It sits below gzip, so a compressed body ({@code Content-Encoding: gzip}) is
 * counted as it inflates, whatever length it declares; one that does not inflate fails its read
 * with a 400 (Jetty's decoder throws, and every reader would have answered 500). A body with a
 * declared length within the limit and no encoding is not wrapped: Jetty delivers no more than it
 * declares, and lookups pay nothing. Thread-safe.
 */
public final class RequestSizeLimit extends Handler.Wrapper {
  private final long maxBytes;
  private final String message;

  /** @param maxBytes the largest body taken, in bytes */
  public RequestSizeLimit(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.message = message(maxBytes);
  }

  /** The message a body over {@code maxBytes} is refused with. */
  public static String message(long maxBytes) {
    return "the request body is larger than " + size(maxBytes) + " (maxRequestSize); split the request";
  }

  /** {@code 16 MiB}, {@code 64 KiB} or a number of bytes. */
  private static String size(long bytes) {
    if (bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    return bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
  }

  /**
   * Puts this handler in {@code server}'s chain below graceful shutdown and gzip, above whatever
   * they wrap (the lookup handler, the routing to the contexts). Call before the server starts.
   */
  public void insertInto(Server server) {
    Handler.Wrapper parent = server;
    while (parent.getHandler() instanceof GracefulHandler || parent.getHandler() instanceof GzipHandler) {
      if (parent.getHandler() instanceof GzipHandler gzip && gzip.getClass() != GzipHandler.class) {
        parent.setHandler(plain(gzip));
      }
      parent = (Handler.Wrapper) parent.getHandler();
    }
    parent.insertHandler(this);
  }

  /**
   * Jetty's own gzip handler with {@code configured}'s settings, in its place. Dropwizard's
   * subclass answers a body that does not inflate itself, once its {@code handle} has returned
   * and the response is not yet committed; the lookup handler hands other requests to a pool
   * thread and returns at once, so that second answer raced the one Jersey was writing (a 500,
   * "written 65 < 98 content-length"). Here every reader's failed read is answered 400 instead.
   */
  private static GzipHandler plain(GzipHandler configured) {
    GzipHandler gzip = new GzipHandler();
    gzip.setMinGzipSize(configured.getMinGzipSize());
    gzip.setInflateBufferSize(configured.getInflateBufferSize());
    gzip.setSyncFlush(configured.isSyncFlush());
    gzip.setIncludedMethods(configured.getIncludedMethods());
    gzip.setExcludedMethods(configured.getExcludedMethods());
    gzip.setIncludedMimeTypes(configured.getIncludedMimeTypes());
    gzip.setExcludedMimeTypes(configured.getExcludedMimeTypes());
    gzip.setIncludedPaths(configured.getIncludedPaths());
    gzip.setExcludedPaths(configured.getExcludedPaths());
    gzip.setIncludedInflatePaths(configured.getIncludedInflationPaths());
    gzip.setExcludedInflatePaths(configured.getExcludedInflationPaths());
    gzip.setDeflaterPool(configured.getDeflaterPool());
    gzip.setInflaterPool(configured.getInflaterPool());
    gzip.setVary(configured.getVary());
    gzip.setHandler(configured.getHandler());
    return gzip;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long declared = request.getLength();
    if (declared > maxBytes) {
      Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, message);
      return true;
    }
    // An inflating request declares its compressed length.
    boolean inflating = Request.as(request, GzipRequest.class) != null;
    return super.handle(declared >= 0 && !inflating ? request : new Counted(request), response, callback);
  }

  /** A request whose body is counted as it is read. */
  private final class Counted extends Request.Wrapper {
    private long read;
    private Content.Chunk refused;

    Counted(Request wrapped) {
      super(wrapped);
    }

    @Override
    public Content.Chunk read() {
      if (refused != null) {
        return refused;
      }
      Content.Chunk chunk = super.read();
      if (chunk == null) {
        return null;
      }
      if (chunk.getFailure() != null) {
        // Jetty's decoder fails the read with a RuntimeException around the ZipException.
        ZipException zip = zipException(chunk.getFailure());
        return zip == null ? chunk
            : refuse(HttpStatus.BAD_REQUEST_400, "the request body is not valid gzip (Content-Encoding): " + zip.getMessage());
      }
      read += chunk.remaining();
      if (read <= maxBytes) {
        return chunk;
      }
      chunk.release();
      return refuse(HttpStatus.PAYLOAD_TOO_LARGE_413, message);
    }

    private static ZipException zipException(Throwable failure) {
      for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
        if (cause instanceof ZipException zip) {
          return zip;
        }
      }
      return null;
    }

    /**
     * Fails the request's content, so that Jetty closes the connection instead of reading the
     * rest of the body, and answers this and every later read with the failure.
     */
    private Content.Chunk refuse(int status, String reason) {
      BadMessageException failure = new BadMessageException(status, reason);
      getWrapped().fail(failure);
      refused = Content.Chunk.from(failure, true);
      return refused;
    }
  }
}
