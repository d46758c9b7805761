package dev.parity.server.lookup;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;

/**
 * Where the lookup handler goes in Jetty's handler tree.
 *
 * <p>{@link #ioThreads}: in the server's chain, below graceful shutdown and gzip and above the
 * routing to the application and admin contexts. The handler then declares itself {@code
 * NON_BLOCKING}, which lets Jetty run it on the thread that read the request (a selector) instead
 * of handing every request to a pool thread: a lookup whose body came with its headers is
 * answered there, blocking only on its Redis round trip; every other request is handed to a pool
 * thread, as Jetty would have done. Measured: about a third less CPU per lookup (bench/HISTORY.md
 * "HTTP lookups"). The price: while a selector answers a lookup, the other connections it serves
 * wait. Normally that is a Redis round trip; a Redis that stops answering holds the selector for
 * the store's whole failure path (a wait for a pooled connection up to {@code redis.poolWait},
 * the read up to {@code redis.socketTimeout}, one retry on a new connection), a few seconds at
 * worst with the defaults; and so does a request log whose appender queue is full and may block
 * (the built-in one never blocks). Hence more selectors for the application connectors, at most
 * one per pooled Redis connection ({@link dev.parity.server.ParityApplication}).
 *
 * <p>{@link #applicationContext}: inside the application's servlet context, on the pool thread
 * Jetty hands the request to; for server layouts other than Dropwizard's default one.
 */
public final class HandlerPlacement {
  private final boolean ioThreads;
  private final String contextPath;
  private final String connector;

  private HandlerPlacement(boolean ioThreads, String contextPath, String connector) {
    this.ioThreads = ioThreads;
    this.contextPath = contextPath;
    this.connector = connector;
  }

  /**
   * @param contextPath the application context's path ({@code /} unless configured)
   * @param connector the name of the connectors that serve the application ({@code application}
   *     for Dropwizard's default server): lookups on others (the admin port) are not answered
   */
  public static HandlerPlacement ioThreads(String contextPath, String connector) {
    return new HandlerPlacement(true, requireNonNull(contextPath, "contextPath is null"),
        requireNonNull(connector, "connector is null"));
  }

  public static HandlerPlacement applicationContext() {
    return new HandlerPlacement(false, "/", null);
  }

  boolean onIoThreads() {
    return ioThreads;
  }

  String contextPath() {
    return contextPath;
  }

  /** Whether {@code request} came through a connector lookups are answered on. */
  boolean serves(Request request) {
    return connector == null || connector.equals(request.getConnectionMetaData().getConnector().getName());
  }

  /**
   * Runs {@code task} where Jetty would have run a blocking request: on the executor of the
   * request's connector (the admin connectors have a pool of their own) or on its virtual threads
   * when configured; in the application context, here. Its failure fails the request.
   */
  void offload(Request request, Response response, Callback callback, ThrowingRunnable task) {
    Runnable run = () -> {
      try {
        task.run();
      } catch (Throwable failure) {
        callback.failed(failure);
      }
    };
    if (!ioThreads) {
      run.run();
      return;
    }
    try {
      VirtualThreads.getExecutor(request.getConnectionMetaData().getConnector().getExecutor()).execute(run);
    } catch (RejectedExecutionException full) {
      Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "the server is busy");
    }
  }

  /** A task that may throw, run on a pool thread. */
  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
