package dev.parity.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

/**
 * Turns what an attempt got — an HTTP status with the server's {@code {"code", "message"}} body,
 * or a transport failure — into the client's exception for it, and says whether a retry may mend
 * it and whether it blames the server (for the circuit breaker). The one place HTTP statuses are
 * interpreted.
 */
final class Failures {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_MESSAGE_CHARS = 500;

  /**
   * One failed attempt.
   *
   * @param exception what the caller sees if it is the call's last
   * @param retryable whether another attempt may succeed
   * @param blamesServer whether it counts against the base URL's circuit breaker
   */
  record Failure(ParityClientException exception, boolean retryable, boolean blamesServer) {}

  private Failures() {}

  /** An answer whose status is not 2xx. */
  static Failure ofStatus(CallSpec spec, URI endpoint, HttpAnswer answer) {
    int status = answer.status();
    String message = spec.operation() + " at " + endpoint + ": HTTP " + status + ": " + serverMessage(answer.body());
    ParityClientException exception = exception(status, message, status, null);
    return switch (status) {
      case 400, 401, 403, 404, 405, 413, 415, 422 -> new Failure(exception, false, false);
      // Refused before any work: safe to retry even a write.
      case 429 -> new Failure(exception, true, true);
      case 502, 503, 504 -> new Failure(exception, spec.idempotent(), true);
      default -> new Failure(exception, false, status >= 500);
    };
  }

  /**
   * The exception class of HTTP {@code status}, for the HTTP path and for other backends ({@link
   * LookupBackend#failure}) alike.
   *
   * @param httpStatus the status the exception reports, 0 when no HTTP answer was had
   */
  static ParityClientException exception(int status, String message, int httpStatus, Throwable cause) {
    return switch (status) {
      case 400, 405, 413, 415, 422 -> new BadRequestException(message, httpStatus, cause);
      case 401, 403 -> new UnauthorizedException(message, httpStatus, cause);
      case 404 -> new NotFoundException(message, httpStatus, cause);
      case 429, 502, 503, 504 -> new UnavailableException(message, httpStatus, cause);
      default -> new ServerErrorException(message, httpStatus, cause);
    };
  }

  /** A failure to get an answer: refused, reset, closed mid-answer, timed out in the JDK. */
  static Failure ofTransport(CallSpec spec, URI endpoint, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    // Nothing was sent over a connection that never opened: a write may be retried too.
    boolean notConnected = cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
    String what = notConnected ? "cannot connect" : "no answer";
    String message = spec.operation() + " at " + endpoint + ": " + what + ": " + describe(cause);
    return new Failure(new UnavailableException(message, 0, cause), notConnected || spec.idempotent(), true);
  }

  /** An attempt that took longer than the attempt timeout. */
  static Failure ofAttemptTimeout(CallSpec spec, URI endpoint) {
    String message = spec.operation() + " at " + endpoint + ": no answer within the attempt timeout of "
        + spec.attemptTimeoutNanos() / 1_000_000 + " ms";
    return new Failure(new UnavailableException(message, 0, null), spec.idempotent(), true);
  }

  /** An attempt that waited the whole attempt timeout for a connection of the client's bound. */
  static Failure ofNoConnection(CallSpec spec, URI endpoint) {
    String message = spec.operation() + " at " + endpoint + ": no free connection within the attempt timeout of "
        + spec.attemptTimeoutNanos() / 1_000_000 + " ms (every one of maxConnections is busy)";
    return new Failure(new UnavailableException(message, 0, null), true, false);
  }

  /** An attempt still running when its call's deadline passed. */
  static Failure ofDeadline(CallSpec spec, URI endpoint) {
    String message = spec.operation() + " at " + endpoint + ": no answer before the call's deadline";
    return new Failure(new UnavailableException(message, 0, null), false, true);
  }

  /** A 2xx answer whose body is not what the endpoint answers. */
  static Failure ofMalformed(CallSpec spec, URI endpoint, Exception problem) {
    String message = spec.operation() + " at " + endpoint + ": malformed answer: " + problem.getMessage();
    return new Failure(new MalformedResponseException(message, 200, problem), false, true);
  }

  private static String describe(Throwable cause) {
    String text = cause.getMessage();
    return text == null || text.isBlank() ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": "
        + text;
  }

  /** The {@code message} of the server's error body, or the body's start when it has none. */
  static String serverMessage(byte[] body) {
    if (body == null || body.length == 0) {
      return "(no body)";
    }
    String message = jsonMessage(body);
    if (message != null) {
      return message;
    }
    String text = new String(body, 0, Math.min(body.length, MAX_MESSAGE_CHARS), StandardCharsets.UTF_8);
    return body.length > MAX_MESSAGE_CHARS ? text + "..." : text;
  }

  private static String jsonMessage(byte[] body) {
    try (JsonParser json = JSON.createParser(body)) {
      if (json.nextToken() == JsonToken.START_OBJECT) {
        for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
          JsonToken token = json.nextToken();
          if (field.equals("message") && token == JsonToken.VALUE_STRING) {
            return json.getText();
          }
          json.skipChildren();
        }
      }
      return null;
    } catch (IOException notJson) {
      return null; // not the server's error shape (a proxy's page, garbage): the body is shown as it is
    }
  }
}
