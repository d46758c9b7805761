package dev.parity.server.lookup;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.server.api.GetOnlineFeaturesRequestJson;
import dev.parity.server.api.LookupRequestReader;
import dev.parity.server.app.RequestSizeLimit;
import dev.parity.server.errors.RequestTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a lookup request must be, and its reading: the checks made on its headers before the body
 * is read (405 another method, 401/403 by {@link LookupAuth}, 415 a body that is not JSON, 413 a
 * declared length over {@code maxRequestSize}), the body's limits (413 over {@code
 * maxRequestSize} as it arrives, 413 over {@code maxEntityRows} rows) and the body read into a
 * request. Thread-safe.
 */
final class LookupRequests {
  /** Logged under the handler's name, as before the handler was split. */
  private static final Logger LOG = LoggerFactory.getLogger(OnlineFeaturesHandler.class);
  /** A refused request's body is read up to this much, so that the connection stays usable. */
  private static final long MAX_UNREAD_BYTES = 1L << 20;

  private final LookupAuth auth;
  private final LookupRequestReader reader;
  /** The server's {@code maxRequestSize}: a larger body is refused with 413. */
  private final int maxBodyBytes;
  private final int maxEntityRows;

  /**
   * @param json the application's JSON factory (the same reading rules as Jersey's)
   * @param maxBodyBytes the largest body taken ({@code maxRequestSize}); larger ones are 413
   */
  LookupRequests(LookupAuth auth, JsonFactory json, int maxBodyBytes, int maxEntityRows) {
    this.auth = requireNonNull(auth, "auth is null");
    this.reader = new LookupRequestReader(json);
    if (maxEntityRows < 1) {
      throw new IllegalArgumentException("maxEntityRows must be at least 1, got " + maxEntityRows);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1, got " + maxBodyBytes);
    }
    this.maxBodyBytes = maxBodyBytes;
    this.maxEntityRows = maxEntityRows;
  }

  int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Method, role, media type and declared length: what is known before the body is read. */
  void checkHeaders(Request request) throws Refusal {
    if (!HttpMethod.POST.is(request.getMethod())) {
      throw new Refusal(405, "HTTP 405 Method Not Allowed");
    }
    auth.requireReader(request);
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type != null && !isJson(type)) {
      throw new Refusal(415, "HTTP 415 Unsupported Media Type: send the lookup as application/json");
    }
    if (request.getLength() > maxBodyBytes) {
      throw new Refusal(413, tooLarge().getMessage());
    }
  }

  /** The lookup in the first {@code length} bytes of {@code body}. */
  OnlineFeaturesRequest read(byte[] body, int length) throws IOException {
    if (isBlank(body, length)) {
      throw new OnlineRequestException("the request body is empty; expected JSON such as "
          + "{\"feature_service\": \"...\", \"entities\": {\"driver_id\": [1001]}}");
    }
    GetOnlineFeaturesRequestJson json = reader.read(body, 0, length);
    int rows = json.rowCount();
    if (rows > maxEntityRows) {
      throw new RequestTooLargeException(rows + " entity rows in one request; this server takes at most "
          + maxEntityRows + " (maxEntityRows): split the request");
    }
    return json.toRequest();
  }

  /** A body over {@code maxRequestSize}. */
  RequestTooLargeException tooLarge() {
    return new RequestTooLargeException(RequestSizeLimit.message(maxBodyBytes));
  }

  /**
   * Reads what is left of a refused request's body (at most {@link #MAX_UNREAD_BYTES}): Jetty
   * closes a connection whose request content was not read to its end without telling the
   * client, whose next request on it then fails (see {@link dev.parity.server.mappers.UnreadBodyFilter}).
   * May wait for the client: never on an I/O thread.
   */
  static void readRest(Request request) {
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

  private static boolean isBlank(byte[] body, int length) {
    for (int i = 0; i < length; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private static boolean isJson(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }
}
