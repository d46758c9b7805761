package dev.parity.server.mappers;

import dev.parity.server.auth.AuthFactory;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jersey's own failures (no such path 404, wrong method 405, wrong media type 415, forbidden
 * role 403...) as JSON with their status; a 5xx among them is logged with an id. A query or
 * matrix parameter that cannot be converted to its type ({@code ?wait_seconds=abc}) is 400 naming
 * the parameter and its value, not the 404 JAX-RS prescribes: the resource exists, the request
 * is wrong. Thread-safe.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

  /** The request being answered (a proxy Jersey injects), for the value of a bad parameter. */
  @Context
  private UriInfo request;

  @Override
  public Response toResponse(WebApplicationException failure) {
    if (failure instanceof ParamException.QueryParamException || failure instanceof ParamException.MatrixParamException) {
      return ErrorResponses.of(400, badParameter((ParamException) failure));
    }
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

  private String badParameter(ParamException failure) {
    String name = failure.getParameterName();
    String value = failure instanceof ParamException.QueryParamException && request != null
        ? request.getQueryParameters().getFirst(name) : null;
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String kind = failure instanceof ParamException.QueryParamException ? "query" : "matrix";
    String given = value == null ? "" : " '" + (value.length() > 100 ? value.substring(0, 100) + "..." : value) + "'";
    // Our numeric parameters are all ints: Integer.parseInt's message says only "For input string".
    String expected = cause instanceof NumberFormatException ? "a 32-bit integer"
        : "a valid value (" + cause.getMessage() + ")";
    return kind + " parameter " + name + given + " is not " + expected;
  }
}
