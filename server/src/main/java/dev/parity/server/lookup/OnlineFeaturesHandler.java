package dev.parity.server.lookup;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.server.api.OnlineFeaturesJson;
import dev.parity.server.auth.TokenAuthenticator;
import dev.parity.server.feast.FeastErrors;
import dev.parity.server.health.LatencyHistogram;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /get-online-features} as Feast's feature server has it (docs/online.md), answered by a
 * Jetty handler in front of Jersey, on the thread that read the request where it can be (see
 * {@link HandlerPlacement}). The lookup is the request a service makes on its own latency budget,
 * thousands of times a second: through Jersey and HK2 it spent more CPU in routing, filters and
 * providers than in the lookup (bench/HISTORY.md "HTTP lookups"). Everything else Jersey gave it
 * is kept, from the same pieces the resources use: authentication ({@link LookupAuth}), the
 * request's checks and limits ({@link LookupRequests}), the JSON errors and their statuses
 * ({@link LookupAnswers}), the metrics ({@link LookupMeters}, {@link LookupMetrics}), and the
 * request log, gzip and graceful shutdown, which wrap this handler. Dropwizard's per-context
 * request metrics ({@code io.dropwizard.jetty.MutableServletContextHandler.*}) do not count
 * lookups: the lookup's own meters do. Thread-safe.
 */
public final class OnlineFeaturesHandler extends Handler.Wrapper {
  /** The path under Jersey's root (as the resource had it). */
  public static final String PATH = "/get-online-features";

  private final HandlerPlacement placement;
  private final String path;
  private final LookupService lookups;
  private final LookupRequests requests;
  private final LookupAnswers answers;

  /**
   * @param placement where the handler goes in Jetty's handler tree
   * @param rootPath Jersey's root, {@code /} or {@code /api/} (its URL pattern without the
   *     {@code *}), under which the lookup path lies
   * @param lookups the lookups, shared with {@code parity get-online}
   * @param maxBodyBytes the largest body taken ({@code maxRequestSize}); larger ones are 413
   * @param authenticator the configured tokens, empty when authentication is off
   * @param mapper the application's object mapper (the same reading rules as Jersey's)
   * @param latency the endpoint's latency histogram, {@code parity.http.get-online-features.seconds}
   * @param errorBodies writes a failed lookup's error body in the shape the request asks for
   */
  public OnlineFeaturesHandler(HandlerPlacement placement, String rootPath, LookupService lookups, int maxEntityRows,
      int maxBodyBytes, Optional<TokenAuthenticator> authenticator, ObjectMapper mapper, MetricRegistry metrics,
      LatencyHistogram latency, Ticker ticker, FeastErrors errorBodies) {
    this.placement = requireNonNull(placement, "placement is null");
    this.path = withoutTrailingSlash(placement.contextPath()) + withoutTrailingSlash(requireNonNull(rootPath, "rootPath is null"))
        + PATH;
    this.lookups = requireNonNull(lookups, "lookups is null");
    this.requests = new LookupRequests(new LookupAuth(authenticator), mapper.getFactory(), maxBodyBytes, maxEntityRows);
    this.answers = new LookupAnswers(mapper, new LookupMeters(metrics, latency), ticker, errorBodies);
  }

  /** The name of the endpoint's latency histogram. */
  public static String latencyMetric() {
    return LookupMeters.METRIC + ".seconds";
  }

  private static String withoutTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /**
   * Puts this handler in {@code server}'s chain below graceful shutdown and gzip (so that lookups
   * keep both), above whatever they wrap. For {@link HandlerPlacement#ioThreads}; call before the
   * server starts.
   */
  public void insertInto(Server server) {
    if (!placement.onIoThreads()) {
      throw new IllegalStateException("this handler goes into the application context");
    }
    Handler.Wrapper parent = server;
    while (parent.getHandler() instanceof GracefulHandler || parent.getHandler() instanceof GzipHandler) {
      parent = (Handler.Wrapper) parent.getHandler();
    }
    parent.insertHandler(this);
  }

  @Override
  public InvocationType getInvocationType() {
    return placement.onIoThreads() ? InvocationType.NON_BLOCKING : super.getInvocationType();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!path.equals(Request.getPathInContext(request)) || !placement.serves(request)) {
      if (!placement.onIoThreads()) {
        return super.handle(request, response, callback);
      }
      // Everything else may block (Jersey reads and writes streams): a pool thread, as before.
      placement.offload(request, response, callback, () -> {
        if (!super.handle(request, response, callback)) {
          Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
        }
      });
      return true;
    }
    long start = answers.start();
    try {
      requests.checkHeaders(request);
    } catch (Refusal refusal) {
      // Reading the rest of the body may wait for the client: never on an I/O thread.
      placement.offload(request, response, callback, () -> {
        LookupRequests.readRest(request);
        answers.refuse(response, callback, start, refusal);
      });
      return true;
    }
    new Lookup(request, response, callback, start).run();
    return true;
  }

  /** One lookup: its body read, then answered. */
  private final class Lookup extends BodyReader {
    private final Response response;
    private final Callback callback;
    private final long start;

    Lookup(Request request, Response response, Callback callback, long start) {
      super(request, requests);
      this.response = response;
      this.callback = callback;
      this.start = start;
    }

    @Override
    void received(byte[] body, int length) {
      ByteBuffer answer;
      try {
        answer = OnlineFeaturesJson.toBytes(lookups.get(requests.read(body, length)));
      } catch (Exception error) {
        answers.fail(response, callback, start, error);
        return;
      }
      answers.send(response, callback, start, 200, answer);
    }

    @Override
    void failed(Exception failure) {
      answers.fail(response, callback, start, failure);
    }
  }
}
