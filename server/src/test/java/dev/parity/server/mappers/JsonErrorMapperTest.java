package dev.parity.server.mappers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.server.errors.ErrorResponse;
import dev.parity.server.api.GetOnlineFeaturesRequestJson;
import dev.parity.server.api.MaterializeRequestJson;
import dev.parity.server.api.PushRequestJson;
import dev.parity.server.api.RequestJson;
import io.dropwizard.jackson.Jackson;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Parse and mapping failures become precise 400s; failures to write JSON are 500s without details. */
class JsonErrorMapperTest {
  private final ObjectMapper mapper = RequestJson.configure(Jackson.newObjectMapper());
  private final JsonErrorMapper errors = new JsonErrorMapper();

  @Test
  void syntaxErrorNamesLineAndColumn() {
    JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class,
        () -> mapper.readValue("{\"entities\":\n {\"driver_id\": [1,]}}", GetOnlineFeaturesRequestJson.class));

    Response response = errors.toResponse(failure);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(((ErrorResponse) response.getEntity()).message()).contains("line 2, column 19").contains("Unexpected character (']'");
  }

  @Test
  void wrongShapeNamesTheFieldPath() {
    JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class,
        () -> mapper.readValue("{\"entities\": {\"driver_id\": 1001}}", GetOnlineFeaturesRequestJson.class));

    Response response = errors.toResponse(failure);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(((ErrorResponse) response.getEntity()).message()).contains("at entities.driver_id");
  }

  @Test
  void aStringOverJacksonsLimitIsA400NamingTheLimitAndThePath() {
    // Unreachable over HTTP with the default maxRequestSize (16 MiB), not with a larger one.
    String huge = "x".repeat(20_000_001);
    for (var request : List.of(
        Map.entry("{\"df\": {\"driver_id\": [\"" + huge + "\"]}}", PushRequestJson.class),
        Map.entry("{\"end_ts\": \"" + huge + "\"}", MaterializeRequestJson.class))) {
      JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class,
          () -> mapper.readValue(request.getKey(), request.getValue()));

      Response response = errors.toResponse(failure);

      assertThat(response.getStatus()).isEqualTo(400);
      assertThat(((ErrorResponse) response.getEntity()).message())
          .contains(request.getValue() == PushRequestJson.class ? "at df.driver_id[0]" : "at end_ts")
          .endsWith("String value length (20000001) exceeds the maximum allowed (20000000)");
    }
  }

  @Test
  void failureToWriteIsA500WithOnlyAnId() {
    JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class,
        () -> mapper.writeValueAsString(new Object()));

    Response response = errors.toResponse(failure);

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(((ErrorResponse) response.getEntity()).message()).matches("There was an error .*\\(ID [0-9a-f]{16}\\)\\.")
        .doesNotContain("Object");
  }
}
