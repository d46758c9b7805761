package dev.parity.server.mappers;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parity.ParityException;
import dev.parity.server.errors.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;

/**
 * The JSON error bodies every failure is answered with, for the Jersey exception mappers and for
 * the handlers that answer without Jersey ({@code /get-online-features}): one mapping from failure
 * to status and message, logged the same way whichever layer answers. Stateless.
 */
public final class ErrorResponses {
  private ErrorResponses() {}

  static Response of(int status, String message) {
    return of(new ErrorResponse(status, message));
  }

  static Response of(ErrorResponse error) {
    return Response.status(error.code()).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
  }

  /**
   * What {@code failure} is answered with: a {@link ParityException} by its kind (see {@link
   * ParityExceptionMapper}), unreadable request JSON 400 naming where (see {@link
   * JsonErrorMapper}), a request Jetty refused while it was read (a body over {@code
   * maxRequestSize}: 413) with Jetty's status and reason, anything else 500 with an error id;
   * 500s are logged with their id, 503s as a warning.
   */
  public static ErrorResponse describe(Logger log, Throwable failure) {
    HttpException refused = refusal(failure);
    if (refused != null) {
      return new ErrorResponse(refused.getCode(), refused.getReason() != null ? refused.getReason()
          : HttpStatus.getMessage(refused.getCode()));
    }
    if (failure instanceof ParityException parity) {
      int status = ParityExceptionMapper.status(parity);
      if (status == 500) {
        return unexpected(log, failure);
      }
      if (status == 503) {
        log.warn("Backend unavailable: {}", failure.getMessage());
      }
      return new ErrorResponse(status, failure.getMessage());
    }
    if (failure instanceof JsonProcessingException json) {
      String message = JsonErrorMapper.describe(json);
      return message == null ? unexpected(log, failure) : new ErrorResponse(400, message);
    }
    return unexpected(log, failure);
  }

  /**
   * The client error Jetty failed the request's body with, found among the causes of {@code
   * failure} (readers wrap it: the servlet input in an {@code IOException}, Jackson and Jersey in
   * theirs), or null.
   */
  private static HttpException refusal(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
        return http;
      }
    }
    return null;
  }

  /** Logs {@code failure} under a fresh id and answers 500 naming only that id. */
  static ErrorResponse unexpected(Logger log, Throwable failure) {
    String id = String.format("%016x", ThreadLocalRandom.current().nextLong());
    log.error("Error handling a request: {}", id, failure);
    return new ErrorResponse(500, "There was an error processing your request. It has been logged (ID " + id + ").");
  }
}
