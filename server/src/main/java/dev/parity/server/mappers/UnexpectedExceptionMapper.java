package dev.parity.server.mappers;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything else: a request Jetty refused while Jersey read it (a body over {@code
 * maxRequestSize}, wrapped in the reader's exceptions) with Jetty's status, and otherwise a bug:
 * logged with an id, answered 500 with that id and no details (see {@link ErrorResponses#describe}).
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable failure) {
    return ErrorResponses.of(ErrorResponses.describe(LOG, failure));
  }
}
