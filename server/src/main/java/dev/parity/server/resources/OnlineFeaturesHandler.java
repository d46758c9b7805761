package dev.parity.server.resources;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.server.api.ErrorResponse;
import dev.parity.server.api.GetOnlineFeaturesRequestJson;
import dev.parity.server.api.LookupRequestReader;
import dev.parity.server.api.OnlineFeaturesJson;
import dev.parity.server.app.RequestSizeLimit;
import dev.parity.server.core.ServedDefinitions;
import dev.parity.server.auth.AuthFactory;
import dev.parity.server.auth.Caller;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenAuthenticator;
import dev.parity.server.errors.ErrorResponses;
import dev.parity.server.errors.RequestTooLargeException;
import dev.parity.server.feast.FeastErrors;
import dev.parity.server.health.LatencyHistogram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /get-online-features} as Feast's feature server has it (docs/online.md), answered by a
 * Jetty handler in front of Jersey, on the thread that read the request where it can be (see
 * {@link Placement}). The lookup is the request a
 * service makes on its own latency budget, thousands of times a second: through Jersey and HK2 it
 * spent more CPU in routing, filters and providers than in the lookup (bench/HISTORY.md "HTTP
 * lookups"). Everything else Jersey gave it is kept, from the same pieces the resources use:
 * bearer tokens and role {@code reader} ({@link TokenAuthenticator}, also {@code ?access_token=}
 * as Dropwizard's filter takes it), the JSON errors and their statuses ({@link
 * ErrorResponses#describe}: 400 bad request or JSON, 404 unknown service or view, 409 not applied,
 * 413 more than {@code maxEntityRows} rows or a body over {@code maxRequestSize}, 415 a body that
 * is not JSON, 405 another method, 503 Redis unavailable, 500 with an error id), the metrics
 * ({@code parity.http.get-online-features} timer and {@code .exceptions} meter as Dropwizard's
 * annotations name them, the {@code .seconds} latency histogram, {@link LookupMetrics}), and the
 * request log, gzip and graceful shutdown, which wrap this handler. Dropwizard's per-context
 * request metrics ({@code io.dropwizard.jetty.MutableServletContextHandler.*}) do not count
 * lookups: the lookup's own timer, histogram and {@code .2xx-responses} to {@code .5xx-responses}
 * meters do. Thread-safe.
 */
public final class OnlineFeaturesHandler extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(OnlineFeaturesHandler.class);
  /** The path under Jersey's root (as the resource had it). */
  public static final String PATH = "/get-online-features";
  /** The most a lookup's body buffer starts with (a thousand entity rows take about 10 KiB). */
  private static final int INITIAL_BODY_BYTES = 64 << 10;
  /** A refused request's body is read up to this much, so that the connection stays usable. */
  private static final long MAX_UNREAD_BYTES = 1L << 20;
  private static final String METRIC = "parity.http.get-online-features";
  private static final HttpField JSON = MimeTypes.Type.APPLICATION_JSON.getContentTypeField();
  private static final HttpField CHALLENGE = new PreEncodedHttpField(HttpHeader.WWW_AUTHENTICATE, AuthFactory.CHALLENGE);
  private static final HttpField ALLOW = new PreEncodedHttpField(HttpHeader.ALLOW, "POST");

  private final Placement placement;
  private final String path;
  private final String connector;
  private final ServedDefinitions served;
  private final int maxEntityRows;
  /** The server's {@code maxRequestSize}: a larger body is refused with 413. */
  private final int maxBodyBytes;
  private final Optional<TokenAuthenticator> authenticator;
  private final LookupRequestReader requests;
  private final ObjectWriter errors;
  private final Ticker ticker;
  private final Timer timer;
  private final Meter exceptions;
  /** Answers by status class, 1xx to 5xx, as Dropwizard's request metrics name them. */
  private final Meter[] statuses;
  private final LatencyHistogram latency;
  private final LookupMetrics lookups;
  /** Error bodies in the shape the request asks for (Parity's or Feast's). */
  private final FeastErrors errorBodies;

  /**
   * @param placement where the handler goes in Jetty's handler tree
   * @param rootPath Jersey's root, {@code /} or {@code /api/} (its URL pattern without the
   *     {@code *}), under which the lookup path lies
   * @param maxBodyBytes the largest body taken ({@code maxRequestSize}); larger ones are 413
   * @param mapper the application's object mapper (the same reading rules as Jersey's)
   * @param authenticator the configured tokens, empty when authentication is off
   * @param latency the endpoint's latency histogram, {@code parity.http.get-online-features.seconds}
   * @param errorBodies writes a failed lookup's error body in the shape the request asks for
   */
  public OnlineFeaturesHandler(Placement placement, String rootPath, ServedDefinitions served, int maxEntityRows,
      int maxBodyBytes, Optional<TokenAuthenticator> authenticator, ObjectMapper mapper, MetricRegistry metrics,
      LatencyHistogram latency, Ticker ticker, FeastErrors errorBodies) {
    this.placement = requireNonNull(placement, "placement is null");
    this.path = withoutTrailingSlash(placement.contextPath) + withoutTrailingSlash(requireNonNull(rootPath, "rootPath is null"))
        + PATH;
    this.connector = placement.connector;
    this.served = requireNonNull(served, "served is null");
    if (maxEntityRows < 1) {
      throw new IllegalArgumentException("maxEntityRows must be at least 1, got " + maxEntityRows);
    }
    this.maxEntityRows = maxEntityRows;
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1, got " + maxBodyBytes);
    }
    this.maxBodyBytes = maxBodyBytes;
    this.authenticator = requireNonNull(authenticator, "authenticator is null");
    this.requests = new LookupRequestReader(mapper.getFactory());
    this.errors = mapper.writerFor(ErrorResponse.class);
    this.ticker = requireNonNull(ticker, "ticker is null");
    this.timer = metrics.timer(METRIC);
    this.exceptions = metrics.meter(METRIC + ".exceptions");
    this.statuses = new Meter[5];
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] = metrics.meter(METRIC + "." + (i + 1) + "xx-responses");
    }
    this.latency = requireNonNull(latency, "latency is null");
    this.lookups = new LookupMetrics(metrics);
    this.errorBodies = requireNonNull(errorBodies, "errorBodies is null");
  }

  /** The name of the endpoint's latency histogram. */
  public static String latencyMetric() {
    return METRIC + ".seconds";
  }

  private static String withoutTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /**
   * Where the handler goes in Jetty's handler tree.
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
  public static final class Placement {
    private final boolean ioThreads;
    private final String contextPath;
    private final String connector;

    private Placement(boolean ioThreads, String contextPath, String connector) {
      this.ioThreads = ioThreads;
      this.contextPath = contextPath;
      this.connector = connector;
    }

    /**
     * @param contextPath the application context's path ({@code /} unless configured)
     * @param connector the name of the connectors that serve the application ({@code application}
     *     for Dropwizard's default server): lookups on others (the admin port) are not answered
     */
    public static Placement ioThreads(String contextPath, String connector) {
      return new Placement(true, requireNonNull(contextPath, "contextPath is null"),
          requireNonNull(connector, "connector is null"));
    }

    public static Placement applicationContext() {
      return new Placement(false, "/", null);
    }
  }

  /**
   * Puts this handler in {@code server}'s chain below graceful shutdown and gzip (so that lookups
   * keep both), above whatever they wrap. For {@link Placement#ioThreads}; call before the server
   * starts.
   */
  public void insertInto(Server server) {
    if (!placement.ioThreads) {
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
    return placement.ioThreads ? InvocationType.NON_BLOCKING : super.getInvocationType();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!isLookup(request)) {
      if (!placement.ioThreads) {
        return super.handle(request, response, callback);
      }
      // Everything else may block (Jersey reads and writes streams): a pool thread, as before.
      offload(request, response, callback, () -> {
        if (!super.handle(request, response, callback)) {
          Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
        }
      });
      return true;
    }
    long start = ticker.read();
    try {
      checkHeaders(request);
    } catch (Refusal refusal) {
      // Reading the rest of the body may wait for the client: never on an I/O thread.
      offload(request, response, callback, () -> {
        readRest(request);
        refuse(response, callback, start, refusal);
      });
      return true;
    }
    new Lookup(request, response, callback, start).run();
    return true;
  }

  private boolean isLookup(Request request) {
    return path.equals(Request.getPathInContext(request))
        && (connector == null || connector.equals(request.getConnectionMetaData().getConnector().getName()));
  }

  /**
   * Runs {@code task} where Jetty would have run a blocking request: on the executor of the
   * request's connector (the admin connectors have a pool of their own) or on its virtual threads
   * when configured; in the application context, here. Its failure fails the request.
   */
  private void offload(Request request, Response response, Callback callback, ThrowingRunnable task) {
    Runnable run = () -> {
      try {
        task.run();
      } catch (Throwable failure) {
        callback.failed(failure);
      }
    };
    if (!placement.ioThreads) {
      run.run();
      return;
    }
    try {
      VirtualThreads.getExecutor(request.getConnectionMetaData().getConnector().getExecutor()).execute(run);
    } catch (RejectedExecutionException full) {
      Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "the server is busy");
    }
  }

  /**
   * One lookup: reads the body as far as it has arrived, then answers. A body that arrived with
   * its headers (the usual case: a lookup is a few hundred bytes) is answered on the thread that
   * parsed the request; the rest of a body still on its way is awaited with Jetty's demand, whose
   * callback is {@code BLOCKING} and so runs on a pool thread, where the lookup then runs too.
   */
  private final class Lookup implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final long start;
    private byte[] body;
    private int length;

    Lookup(Request request, Response response, Callback callback, long start) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.start = start;
      // The declared length, up to what a large lookup needs: the rest only as it arrives.
      long declared = request.getLength();
      this.body = new byte[declared >= 0 ? (int) Math.min(declared, INITIAL_BODY_BYTES) : 1024];
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          answer(null, chunk.getFailure());
          return;
        }
        boolean last = chunk.isLast();
        ByteBuffer bytes = chunk.getByteBuffer();
        int n = bytes.remaining();
        if (n > maxBodyBytes - length) {
          chunk.release();
          answer(null, tooLarge());
          return;
        }
        if (n > body.length - length) {
          body = Arrays.copyOf(body, (int) Math.min(maxBodyBytes, Math.max((long) length + n, 2L * body.length)));
        }
        bytes.get(body, length, n);
        length += n;
        chunk.release();
        if (last) {
          answer(body, null);
          return;
        }
      }
    }

    /** Answers the lookup in {@code received}, or the failure to read it. */
    private void answer(byte[] received, Throwable failure) {
      ByteBuffer answer;
      int status;
      try {
        if (failure instanceof Exception exception) {
          throw exception;
        } else if (failure != null) {
          throw new IOException("reading the request body failed", failure);
        }
        answer = lookup(received, length);
        status = 200;
      } catch (Exception error) {
        exceptions.mark();
        ErrorResponse described = ErrorResponses.describe(LOG, error);
        status = described.code();
        try {
          answer = ByteBuffer.wrap(errorBodies.body(request.getHeaders().get(FeastErrors.HEADER), error, described));
        } catch (RuntimeException unwritable) {
          callback.failed(unwritable);
          return;
        }
      }
      send(response, callback, start, status, answer);
    }
  }

  private void refuse(Response response, Callback callback, long start, Refusal refusal) throws IOException {
    if (refusal.status == 401) {
      response.getHeaders().put(CHALLENGE);
    } else if (refusal.status == 405) {
      response.getHeaders().put(ALLOW);
    }
    send(response, callback, start, refusal.status, error(refusal.status, refusal.getMessage()));
  }

  private void send(Response response, Callback callback, long start, int status, ByteBuffer answer) {
    long elapsed = ticker.read() - start;
    latency.record(elapsed);
    timer.update(elapsed, TimeUnit.NANOSECONDS);
    statuses[status / 100 - 1].mark();
    response.setStatus(status);
    response.getHeaders().put(JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.remaining());
    response.write(true, answer, callback);
  }

  /** Method, role, media type and declared length: what is known before the body is read. */
  private void checkHeaders(Request request) throws Refusal {
    if (!HttpMethod.POST.is(request.getMethod())) {
      throw new Refusal(405, "HTTP 405 Method Not Allowed");
    }
    requireReader(request);
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type != null && !isJson(type)) {
      throw new Refusal(415, "HTTP 415 Unsupported Media Type: send the lookup as application/json");
    }
    if (request.getLength() > maxBodyBytes) {
      throw new Refusal(413, tooLarge().getMessage());
    }
  }

  private ByteBuffer lookup(byte[] body, int length) throws Exception {
    if (isBlank(body, length)) {
      throw new OnlineRequestException("the request body is empty; expected JSON such as "
          + "{\"feature_service\": \"...\", \"entities\": {\"driver_id\": [1001]}}");
    }
    GetOnlineFeaturesRequestJson json = requests.read(body, 0, length);
    int rows = json.rowCount();
    if (rows > maxEntityRows) {
      throw new RequestTooLargeException(rows + " entity rows in one request; this server takes at most "
          + maxEntityRows + " (maxEntityRows): split the request");
    }
    OnlineFeaturesResponse response = served.get(json.toRequest());
    lookups.record(response, served.joinKeys());
    return OnlineFeaturesJson.toBytes(response);
  }

  private static boolean isBlank(byte[] body, int length) {
    for (int i = 0; i < length; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private void requireReader(Request request) throws Refusal {
    if (authenticator.isEmpty()) {
      return;
    }
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    Optional<Caller> caller;
    if (header != null) {
      caller = authenticator.get().fromHeader(header);
    } else {
      String token = Request.extractQueryParameters(request).getValue("access_token");
      caller = token == null ? Optional.empty() : authenticator.get().authenticate(token);
    }
    if (caller.isEmpty()) {
      throw new Refusal(401, AuthFactory.UNAUTHORIZED_MESSAGE);
    }
    if (!caller.get().may(Role.READER)) {
      throw new Refusal(403, AuthFactory.FORBIDDEN_MESSAGE);
    }
  }

  private static boolean isJson(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private RequestTooLargeException tooLarge() {
    return new RequestTooLargeException(RequestSizeLimit.message(maxBodyBytes));
  }

  /**
   * Reads what is left of a refused request's body (at most {@link #MAX_UNREAD_BYTES}): Jetty
   * closes a connection whose request content was not read to its end without telling the
   * client, whose next request on it then fails (see {@link dev.parity.server.errors.UnreadBodyFilter}).
   */
  private static void readRest(Request request) {
    if (request.getLength() > MAX_UNREAD_BYTES) {
      return;
    }
    byte[] buffer = new byte[8192];
    try (InputStream in = Content.Source.asInputStream(request)) {
      long read = 0;
      for (int n; read <= MAX_UNREAD_BYTES && (n = in.read(buffer)) != -1; ) {
        read += n;
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Did not read the rest of a refused request's body", e);
    }
  }

  private ByteBuffer error(int status, String message) throws IOException {
    return ByteBuffer.wrap(errors.writeValueAsBytes(new ErrorResponse(status, message)));
  }

  /** A task that may throw, run on a pool thread. */
  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** A request refused before its body was read: method, role, media type, declared length. */
  private static final class Refusal extends Exception {
    final int status;

    Refusal(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
