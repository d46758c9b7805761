package dev.parity.server.jobs;

import dev.parity.ParityException;
import dev.parity.server.errors.ErrorResponse;
import dev.parity.server.mappers.ParityExceptionMapper;
import dev.parity.server.mappers.UnexpectedExceptionMapper;
import jakarta.ws.rs.core.Response;

/**
 * A job's failure as the synchronous endpoint would have answered it, through the same exception
 * mappers: the same status and message, and an unexpected failure logged with an id and not
 * shown. Stateless.
 */
final class JobErrors {
  private JobErrors() {}

  static JobError of(Throwable failure) {
    Response response = failure instanceof ParityException parity ? new ParityExceptionMapper().toResponse(parity)
        : new UnexpectedExceptionMapper().toResponse(failure);
    ErrorResponse body = (ErrorResponse) response.getEntity();
    return new JobError(body.code(), body.message());
  }
}
