package dev.parity.server.resources;

import dev.parity.server.errors.ErrorResponse;
import dev.parity.server.jobs.JobRejectedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A job not accepted: 429 with {@code Retry-After} when the queue is full, 503 when the server is
 * stopping; JSON {@code {"code", "message"}} as every error. More specific than the mapper of
 * Parity's exceptions, so Jersey picks this one. Stateless.
 */
public final class JobsRejectedMapper implements ExceptionMapper<JobRejectedException> {
  /** Seconds a client is asked to wait before retrying a job the queue had no room for. */
  static final int RETRY_AFTER_SECONDS = 10;

  @Override
  public Response toResponse(JobRejectedException rejected) {
    int status = rejected.isStopping() ? 503 : 429;
    Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(status, rejected.getMessage()));
    if (!rejected.isStopping()) {
      response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    return response.build();
  }
}
