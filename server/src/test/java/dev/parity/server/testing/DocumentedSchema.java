package dev.parity.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a JSON document against one of the JSON Schemas in {@code docs/}: the subset of draft
 * 2020-12 those schemas are written in ({@code type}, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code items}, {@code const}, {@code enum}, {@code pattern},
 * {@code minimum}, {@code format: date-time}). A schema using any other keyword fails the check,
 * so a schema cannot grow a rule this checker would silently skip. No dependency: a validator
 * library for two small schemas would not earn its place.
 */
public final class DocumentedSchema {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description");
  private static final Set<String> RULES = Set.of("type", "required", "properties", "additionalProperties", "items",
      "const", "enum", "pattern", "minimum", "format");

  private final JsonNode schema;

  private DocumentedSchema(JsonNode schema) {
    this.schema = schema;
  }

  /** The schema {@code docs/<file>} (tests run in their module's directory, beside {@code docs/}'s parent). */
  public static DocumentedSchema of(String file) {
    try {
      return new DocumentedSchema(JSON.readTree(Path.of("..", "docs", file).toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every way {@code document} breaks the schema, each as {@code /path: what}; empty when it validates. */
  public List<String> violations(JsonNode document) {
    List<String> out = new ArrayList<>();
    check(schema, document, "", out);
    return out;
  }

  private static void check(JsonNode rules, JsonNode value, String path, List<String> out) {
    String at = path.isEmpty() ? "/" : path;
    for (Map.Entry<String, JsonNode> rule : iterable(rules)) {
      String keyword = rule.getKey();
      if (!RULES.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
        throw new IllegalArgumentException("the schema uses '" + keyword + "' at " + at + ", which this checker does not know");
      }
    }
    if (rules.has("type") && !typeMatches(rules.get("type"), value)) {
      out.add(at + ": " + kind(value) + " is not of type " + rules.get("type"));
      return;
    }
    if (rules.has("const") && !rules.get("const").equals(value)) {
      out.add(at + ": " + value + " is not " + rules.get("const"));
    }
    if (rules.has("enum") && !contains(rules.get("enum"), value)) {
      out.add(at + ": " + value + " is not one of " + rules.get("enum"));
    }
    if (rules.has("pattern") && value.isTextual() && !Pattern.compile(rules.get("pattern").asText()).matcher(value.asText()).find()) {
      out.add(at + ": '" + value.asText() + "' does not match " + rules.get("pattern").asText());
    }
    if (rules.has("minimum") && value.isNumber() && value.asDouble() < rules.get("minimum").asDouble()) {
      out.add(at + ": " + value + " is less than " + rules.get("minimum"));
    }
    if (rules.path("format").asText().equals("date-time") && value.isTextual()) {
      try {
        OffsetDateTime.parse(value.asText());
      } catch (DateTimeParseException e) {
        out.add(at + ": '" + value.asText() + "' is not a date-time");
      }
    }
    if (value.isObject()) {
      for (JsonNode name : rules.path("required")) {
        if (!value.has(name.asText())) {
          out.add(at + ": lacks required '" + name.asText() + "'");
        }
      }
      JsonNode properties = rules.path("properties");
      for (Map.Entry<String, JsonNode> field : iterable(value)) {
        String child = path + "/" + field.getKey();
        if (properties.has(field.getKey())) {
          check(properties.get(field.getKey()), field.getValue(), child, out);
        } else if (rules.has("additionalProperties")) {
          JsonNode additional = rules.get("additionalProperties");
          if (additional.isBoolean() && !additional.asBoolean()) {
            out.add(child + ": not described by the schema");
          } else if (additional.isObject()) {
            check(additional, field.getValue(), child, out);
          }
        }
      }
    }
    if (value.isArray() && rules.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(rules.get("items"), value.get(i), path + "/" + i, out);
      }
    }
  }

  private static boolean typeMatches(JsonNode type, JsonNode value) {
    if (type.isArray()) {
      for (JsonNode one : type) {
        if (typeMatches(one, value)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> throw new IllegalArgumentException("unknown type " + type);
    };
  }

  private static String kind(JsonNode value) {
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + value;
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode one : values) {
      if (one.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
