package dev.parity.server.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How the server reads request bodies, on top of Dropwizard's object mapper (unknown fields
 * ignored) and Jackson's stream limits (nesting 1,000 deep, strings of 20 million characters,
 * numbers of 1,000 digits; a body over them is a 400 naming the limit). One rule is ours: a
 * key repeated in one object is refused (a 400 naming the key and where), in every body and at
 * every depth, including the lookup's own reader, which reads with the same factory. Jackson's
 * record binding failed on a repeated key with an internal error (a 500) while a lookup took its
 * last value and a push the last column: refusing it is the one reading that is the same
 * everywhere and never silently drops what the client sent. The check costs the parser a
 * comparison per field.
 */
public final class RequestJson {
  private RequestJson() {}

  /**
   * Applies the reading rules to {@code mapper} (the application's, before it reads a request)
   * and returns it.
   */
  public static ObjectMapper configure(ObjectMapper mapper) {
    return mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }
}
