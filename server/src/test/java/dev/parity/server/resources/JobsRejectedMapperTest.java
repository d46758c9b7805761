package dev.parity.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.server.errors.ErrorResponse;
import dev.parity.server.jobs.JobRejectedException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** A full queue asks the client to come back later; a stopping server says it is going away. */
class JobsRejectedMapperTest {
  private final JobsRejectedMapper mapper = new JobsRejectedMapper();

  @Test
  void fullQueueIs429WithRetryAfter() {
    Response response = mapper.toResponse(JobRejectedException.queueFull(2, 16));

    assertThat(response.getStatus()).isEqualTo(429);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo(String.valueOf(JobsRejectedMapper.RETRY_AFTER_SECONDS));
    ErrorResponse body = (ErrorResponse) response.getEntity();
    assertThat(body.code()).isEqualTo(429);
    assertThat(body.message()).contains("2 running and 16 queued").contains("jobs.queueCapacity");
  }

  @Test
  void stoppingServerIs503WithoutRetryAfter() {
    Response response = mapper.toResponse(JobRejectedException.stopping());

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isNull();
    assertThat(((ErrorResponse) response.getEntity()).message()).contains("shutting down");
  }
}
