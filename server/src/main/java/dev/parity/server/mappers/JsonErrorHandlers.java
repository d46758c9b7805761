package dev.parity.server.mappers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.parity.server.errors.ErrorResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Jetty answers by itself, before or beside Jersey (a request line or URI it cannot parse, an
 * ambiguous path, headers too large, a body over the limit, an unknown page of the admin
 * connector...), as {@code {"code", "message"}} JSON like every other error instead of its HTML
 * pages, whatever the request's {@code Accept} and method. The message is {@code HTTP 400 Bad
 * Request: <Jetty's reason>}, never an exception's class or stack; a 500 is logged with an id as
 * {@link ErrorResponses#unexpected} does. Jetty's 501 and 505 (a transfer coding or an HTTP
 * version it does not implement: {@code HTTP/0.9}, {@code HTTX/1.1}) are 400: the request is the
 * client's mistake, not a failure of the server.
 */
public final class JsonErrorHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandlers.class);
  private static final List<Charset> UTF_8 = List.of(StandardCharsets.UTF_8);

  private JsonErrorHandlers() {}

  /**
   * Installs the JSON error handlers on {@code server} (parse failures of every connector) and on
   * each of its servlet contexts (the application's and the admin's). Call before it starts, once
   * its handlers are in place.
   */
  public static void install(Server server, ObjectMapper mapper) {
    ObjectWriter writer = mapper.writerFor(ErrorResponse.class);
    server.setErrorHandler(new ServerErrors(writer));
    for (ServletContextHandler context : server.getDescendants(ServletContextHandler.class)) {
      context.setErrorHandler(new ContextErrors(writer));
    }
  }

  /** The status a failure Jetty answers with {@code code} gets. */
  static int status(int code) {
    return code == HttpStatus.NOT_IMPLEMENTED_501 || code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505
        ? HttpStatus.BAD_REQUEST_400 : code;
  }

  /** The error body for a failure Jetty answers with {@code code}, its {@code message} and {@code cause}. */
  static ErrorResponse describe(int jettyCode, String message, Throwable cause) {
    int code = status(jettyCode);
    if (code == HttpStatus.INTERNAL_SERVER_ERROR_500) {
      return ErrorResponses.unexpected(LOG, cause != null ? cause : new JettyFailure(message));
    }
    String reason = cause instanceof HttpException http ? http.getReason() : message;
    String status = HttpStatus.getMessage(code);
    // Without a reason of its own Jetty passes the cause's toString(): not for clients.
    boolean plain = reason != null && !reason.isBlank() && !reason.equals(status) && (cause == null
        || cause instanceof HttpException || !reason.equals(cause.toString()));
    return new ErrorResponse(code, "HTTP " + code + " " + status + (plain ? ": " + reason : ""));
  }

  /** A failure Jetty reports by its message only: logged without a stack, which would be this class's. */
  private static final class JettyFailure extends RuntimeException {
    JettyFailure(String message) {
      super(message, null, false, false);
    }
  }

  private static byte[] body(ObjectWriter writer, ErrorResponse error) {
    try {
      return writer.writeValueAsBytes(error);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + error, e);
    }
  }

  /** Jetty's {@code generateAcceptableResponse} of a handler, for a response of this type. */
  @FunctionalInterface
  private interface AcceptableResponse {
    boolean generate(String contentType, List<Charset> charsets) throws IOException;
  }

  /**
   * What both handlers' {@code generateResponse} does: the status Parity gives {@code code}, and a
   * JSON body whatever the request accepts ({@code errorPageForMethod} is true for every method).
   */
  private static void generate(Response response, int code, Callback callback, AcceptableResponse acceptable)
      throws IOException {
    response.setStatus(status(code));
    if (!acceptable.generate(MimeTypes.Type.APPLICATION_JSON.asString(), UTF_8)) {
      callback.succeeded();
    }
  }

  /** What both handlers' {@code writeErrorJson} writes. */
  private static void writeJson(ObjectWriter writer, PrintWriter out, int code, String message, Throwable cause) {
    out.write(new String(body(writer, describe(code, message, cause)), StandardCharsets.UTF_8));
  }

  /** For failures outside a servlet context: unparseable requests, routing, and handlers in front of Jersey. */
  private static final class ServerErrors extends ErrorHandler {
    private final ObjectWriter writer;

    ServerErrors(ObjectWriter writer) {
      this.writer = requireNonNull(writer, "writer is null");
    }

    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
        Callback callback) throws IOException {
      generate(response, code, callback, (type, charsets) ->
          generateAcceptableResponse(request, response, callback, type, charsets, code, message, cause));
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter out, int code, String message, Throwable cause) {
      writeJson(writer, out, code, message, cause);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
      return ByteBuffer.wrap(body(writer, describe(status, reason, null)));
    }
  }

  /**
   * For failures inside a servlet context: {@code sendError} of a servlet, an exception escaping
   * one. Jetty's servlet error handler is another class than {@link ServerErrors}'s base, hence two
   * classes around the same static helpers.
   */
  private static final class ContextErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
    private final ObjectWriter writer;

    ContextErrors(ObjectWriter writer) {
      this.writer = requireNonNull(writer, "writer is null");
    }

    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
        Callback callback) throws IOException {
      generate(response, code, callback, (type, charsets) ->
          generateAcceptableResponse(request, response, callback, type, charsets, code, message, cause));
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter out, int code, String message, Throwable cause) {
      writeJson(writer, out, code, message, cause);
    }
  }
}
