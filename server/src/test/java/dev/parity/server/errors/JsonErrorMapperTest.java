package dev.parity.server.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.server.api.ErrorResponse;
import dev.parity.server.api.GetOnlineFeaturesRequestJson;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Parse and mapping failures become precise 400s; failures to write JSON are 500s without details. */
class JsonErrorMapperTest {
  private final ObjectMapper mapper = new ObjectMapper();
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
  void failureToWriteIsA500WithOnlyAnId() {
    JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class,
        () -> mapper.writeValueAsString(new Object()));

    Response response = errors.toResponse(failure);

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(((ErrorResponse) response.getEntity()).message()).matches("There was an error .*\\(ID [0-9a-f]{16}\\)\\.")
        .doesNotContain("Object");
  }
}
