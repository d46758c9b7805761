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
import dev.parity.server.app.ServedDefinitions;
import dev.parity.server.auth.AuthFactory;
import dev.parity.server.auth.Caller;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenAuthenticator;
import dev.parity.server.errors.ErrorResponses;
import dev.parity.server.errors.RequestTooLargeException;
import dev.parity.server.health.LatencyHistogram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /get-online-features} as Feast's feature server has it (SPEC §4), answered by a
 * Jetty handler in the application context, in front of Jersey. The lookup is the request a
 * service makes on its own latency budget, thousands of times a second: through Jersey and HK2 it
 * spent more CPU in routing, filters and providers than in the lookup (bench/RESULTS.md "HTTP
 * lookups"). Everything else Jersey gave it is kept, from the same pieces the resources use:
 * bearer tokens and role {@code reader} ({@link TokenAuthenticator}, also {@code ?access_token=}
 * as Dropwizard's filter takes it), the JSON errors and their statuses ({@link
 * ErrorResponses#describe}: 400 bad request or JSON, 404 unknown service or view, 409 not applied,
 * 413 more than {@code maxEntityRows} rows or a body over {@link #MAX_BODY_BYTES}, 415 a body that
 * is not JSON, 405 another method, 503 Redis unavailable, 500 with an error id), the metrics
 * ({@code parity.http.get-online-features} timer and {@code .exceptions} meter as Dropwizard's
 * annotations name them, the {@code .seconds} latency histogram, {@link LookupMetrics}), and the
 * request log, gzip and Jetty statistics, which wrap the context. Thread-safe.
 */
public final class OnlineFeaturesHandler extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(OnlineFeaturesHandler.class);
  /** The path under Jersey's root (as the resource had it). */
  public static final String PATH = "/get-online-features";
  /** Bodies larger than this are refused with 413: far more than {@code maxEntityRows} rows need. */
  static final int MAX_BODY_BYTES = 16 << 20;
  /** A refused request's body is read up to this much, so that the connection stays usable. */
  private static final long MAX_UNREAD_BYTES = 1L << 20;
  private static final String METRIC = "parity.http.get-online-features";
  private static final HttpField JSON = MimeTypes.Type.APPLICATION_JSON.getContentTypeField();
  private static final HttpField CHALLENGE = new PreEncodedHttpField(HttpHeader.WWW_AUTHENTICATE, AuthFactory.CHALLENGE);
  private static final HttpField ALLOW = new PreEncodedHttpField(HttpHeader.ALLOW, "POST");

  private final String path;
  private final ServedDefinitions served;
  private final int maxEntityRows;
  private final Optional<TokenAuthenticator> authenticator;
  private final LookupRequestReader requests;
  private final ObjectWriter errors;
  private final Ticker ticker;
  private final Timer timer;
  private final Meter exceptions;
  private final LatencyHistogram latency;
  private final LookupMetrics lookups;

  /**
   * @param rootPath Jersey's root, {@code /} or {@code /api/} (its URL pattern without the
   *     {@code *}), under which the lookup path lies
   * @param mapper the application's object mapper (the same reading rules as Jersey's)
   * @param authenticator the configured tokens, empty when authentication is off
   * @param latency the endpoint's latency histogram, {@code parity.http.get-online-features.seconds}
   */
  public OnlineFeaturesHandler(String rootPath, ServedDefinitions served, int maxEntityRows,
      Optional<TokenAuthenticator> authenticator, ObjectMapper mapper, MetricRegistry metrics,
      LatencyHistogram latency, Ticker ticker) {
    String root = requireNonNull(rootPath, "rootPath is null").endsWith("/")
        ? rootPath.substring(0, rootPath.length() - 1) : rootPath;
    this.path = root + PATH;
    this.served = requireNonNull(served, "served is null");
    if (maxEntityRows < 1) {
      throw new IllegalArgumentException("maxEntityRows must be at least 1, got " + maxEntityRows);
    }
    this.maxEntityRows = maxEntityRows;
    this.authenticator = requireNonNull(authenticator, "authenticator is null");
    this.requests = new LookupRequestReader(mapper.getFactory());
    this.errors = mapper.writerFor(ErrorResponse.class);
    this.ticker = requireNonNull(ticker, "ticker is null");
    this.timer = metrics.timer(METRIC);
    this.exceptions = metrics.meter(METRIC + ".exceptions");
    this.latency = requireNonNull(latency, "latency is null");
    this.lookups = new LookupMetrics(metrics);
  }

  /** The name of the endpoint's latency histogram. */
  public static String latencyMetric() {
    return METRIC + ".seconds";
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!path.equals(Request.getPathInContext(request))) {
      return super.handle(request, response, callback);
    }
    long start = ticker.read();
    ByteBuffer answer;
    int status;
    try {
      answer = lookup(request);
      status = 200;
    } catch (Refusal refusal) {
      readRest(request);
      status = refusal.status;
      answer = error(status, refusal.getMessage());
      if (status == 401) {
        response.getHeaders().put(CHALLENGE);
      } else if (status == 405) {
        response.getHeaders().put(ALLOW);
      }
    } catch (Exception failure) {
      exceptions.mark();
      readRest(request);
      ErrorResponse error = ErrorResponses.describe(LOG, failure);
      status = error.code();
      answer = ByteBuffer.wrap(errors.writeValueAsBytes(error));
    }
    long elapsed = ticker.read() - start;
    latency.record(elapsed);
    timer.update(elapsed, TimeUnit.NANOSECONDS);
    response.setStatus(status);
    response.getHeaders().put(JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.remaining());
    response.write(true, answer, callback);
    return true;
  }

  private ByteBuffer lookup(Request request) throws Exception {
    if (!HttpMethod.POST.is(request.getMethod())) {
      throw new Refusal(405, "HTTP 405 Method Not Allowed");
    }
    requireReader(request);
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type != null && !isJson(type)) {
      throw new Refusal(415, "HTTP 415 Unsupported Media Type: send the lookup as application/json");
    }
    byte[] body = readBody(request);
    if (isBlank(body)) {
      throw new OnlineRequestException("the request body is empty; expected JSON such as "
          + "{\"feature_service\": \"...\", \"entities\": {\"driver_id\": [1001]}}");
    }
    GetOnlineFeaturesRequestJson json = requests.read(body, 0, body.length);
    int rows = json.rowCount();
    if (rows > maxEntityRows) {
      throw new RequestTooLargeException(rows + " entity rows in one request; this server takes at most "
          + maxEntityRows + " (maxEntityRows): split the request");
    }
    OnlineFeaturesResponse response = served.get(json.toRequest());
    lookups.record(response, served.joinKeys());
    return OnlineFeaturesJson.toBytes(response);
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
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

  /** The whole body; 413 beyond {@link #MAX_BODY_BYTES}. */
  private static byte[] readBody(Request request) throws IOException, RequestTooLargeException {
    long declared = request.getLength();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    byte[] body = new byte[declared >= 0 ? (int) declared : 1024];
    int length = 0;
    try (InputStream in = Content.Source.asInputStream(request)) {
      for (int n; (n = in.read(body, length, body.length - length)) != -1; ) {
        length += n;
        if (length == body.length) {
          if (length >= MAX_BODY_BYTES) {
            if (in.read() == -1) {
              break;
            }
            throw tooLarge();
          }
          body = Arrays.copyOf(body, Math.min(MAX_BODY_BYTES, Math.max(1024, 2 * length)));
        }
      }
    }
    return length == body.length ? body : Arrays.copyOf(body, length);
  }

  private static RequestTooLargeException tooLarge() {
    return new RequestTooLargeException("the request body is larger than " + (MAX_BODY_BYTES >> 20)
        + " MiB; split the request");
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

  /** A request refused before it was read: method, media type, authentication, role. */
  private static final class Refusal extends Exception {
    final int status;

    Refusal(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
