package dev.parity.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.server.errors.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestTimesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode field(String json) throws Exception {
    return JSON.readTree("{\"end_ts\": " + json + "}").get("end_ts");
  }

  @Test
  void aTimeIsReadFromTextOrEpochSeconds() throws Exception {
    assertThat(RequestTimes.required(field("\"2026-01-31 00:00:00\""), "end_ts"))
        .isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
    assertThat(RequestTimes.required(field("1769817600.5"), "end_ts"))
        .isEqualTo(Instant.parse("2026-01-31T00:00:00.500Z"));
  }

  @Test
  void aNumberBeyondTheRangeOfADoubleIsNotATimeRatherThanAServerError() throws Exception {
    // Jackson reads 1e400 as an infinite double: it has no decimal value (a 500 found by the fuzz test).
    for (String huge : new String[] {"1e400", "-1e400", "1" + "0".repeat(400)}) {
      JsonNode node = field(huge);
      assertThatThrownBy(() -> RequestTimes.required(node, "end_ts")).as(huge)
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("end_ts").hasMessageContaining("is not a time");
    }
  }
}
