package dev.parity.server.errors;

import dev.parity.server.auth.AuthFactory;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jersey's own failures (no such path 404, wrong method 405, wrong media type 415, forbidden
 * role 403...) as JSON with their status; a 5xx among them is logged with an id.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

  @Override
  public Response toResponse(WebApplicationException failure) {
    int status = failure.getResponse().getStatus();
    if (status >= 500) {
      return ErrorResponses.of(ErrorResponses.unexpected(LOG, failure));
    }
    if (failure.getResponse().hasEntity()) {
      // Built by us already (the 401 with its challenge header): keep it as it is.
      return failure.getResponse();
    }
    String message = status == 403 ? AuthFactory.FORBIDDEN_MESSAGE : failure.getMessage();
    return ErrorResponses.of(status, message);
  }
}
