package dev.parity.server.feast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.server.errors.InvalidRequestException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the bodies of Feast's endpoints with the application's JSON rules. Stateless. */
final class FeastRequests {
  private FeastRequests() {}

  /**
   * {@code body} as a {@code type}, read by {@code mapper} (the application's, with its rules: a
   * repeated key is refused...).
   *
   * @throws InvalidRequestException if the body is empty, saying what it should look like
   * @throws com.fasterxml.jackson.core.JsonProcessingException if it is malformed (400 naming where)
   */
  static <T> T read(ObjectMapper mapper, byte[] body, Class<T> type, String example) throws IOException {
    if (body == null || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw new InvalidRequestException("the request body is empty; expected JSON such as " + example);
    }
    T read = mapper.readValue(body, type);
    if (read == null) {
      throw new InvalidRequestException("the request body is null; expected JSON such as " + example);
    }
    return read;
  }

  /**
   * {@code df} without column {@code name} when its whole value is JSON null (Feast's SDK may send
   * {@code "created": null}); null when {@code df} is.
   */
  static Map<String, List<JsonNode>> withoutNullColumn(Map<String, List<JsonNode>> df, String name) {
    if (df == null || !df.containsKey(name) || df.get(name) != null) {
      return df;
    }
    Map<String, List<JsonNode>> copy = new LinkedHashMap<>(df);
    copy.remove(name);
    return copy;
  }
}
