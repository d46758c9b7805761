package dev.parity.server.errors;

import dev.parity.server.api.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/** Builds the JSON error responses all mappers send. Stateless. */
final class ErrorResponses {
  private ErrorResponses() {}

  static Response of(int status, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorResponse(status, message)).build();
  }

  /** Logs {@code failure} under a fresh id and answers 500 naming only that id. */
  static Response unexpected(Logger log, Throwable failure) {
    String id = String.format("%016x", ThreadLocalRandom.current().nextLong());
    log.error("Error handling a request: {}", id, failure);
    return of(500, "There was an error processing your request. It has been logged (ID " + id + ").");
  }
}
