package dev.parity.server.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Reads a field that names a file: a JSON string only. Jackson would turn {@code 42} or
 * {@code true} into the file name {@code "42"}; here any other value is a 400 naming the field
 * (see {@link dev.parity.server.mappers.JsonErrorMapper}). Use with
 * {@code @JsonDeserialize(using = PathStringDeserializer.class)}. Stateless.
 */
public final class PathStringDeserializer extends StdScalarDeserializer<String> {
  public PathStringDeserializer() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.hasToken(JsonToken.VALUE_STRING)) {
      return parser.getText();
    }
    return (String) context.handleUnexpectedToken(String.class, parser.currentToken(), parser,
        "expected a file path as a JSON string, got %s", describe(parser.currentToken()));
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> "a " + token.asString();
    };
  }
}
