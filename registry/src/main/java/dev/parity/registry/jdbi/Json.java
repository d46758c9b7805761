package dev.parity.registry.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.registry.RegistryException;

/** JSON documents stored as text columns. */
final class Json {
  // Immutable after construction and thread-safe: a constant, not a service.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise JSON: " + e.getOriginalMessage(), e);
    }
  }

  static JsonNode read(String text, String what) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new RegistryException("stored " + what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
