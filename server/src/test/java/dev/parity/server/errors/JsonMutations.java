package dev.parity.server.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutations of a valid JSON request body, all decided by a {@link Random}: on the tree (a value
 * swapped for one of another type, a null in a list, nesting past the parser's limit, strings
 * and numbers too long or out of range, a key repeated, a field removed or added, another root)
 * and on the bytes (truncation, bad UTF-8, changed bytes). Values JSON cannot represent as a tree
 * (1e400, deep nesting, repeated keys) go in as markers replaced in the text. Stateless.
 */
final class JsonMutations {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARK = "@@fuzz";
  private static final byte[][] BAD_UTF8 = {
      {(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80},
      {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC3}};

  private JsonMutations() {}

  /** A mutated body and what was done to it, for the report of a failure. */
  record Mutated(byte[] body, List<String> done) {}

  /** One or two mutations of {@code valid}, sometimes followed by one on its bytes. */
  static Mutated mutate(String valid, Random random) {
    JsonNode root = parse(valid);
    List<String> done = new ArrayList<>();
    Map<String, String> raw = new LinkedHashMap<>();
    for (int i = 1 + random.nextInt(2); i > 0; i--) {
      root = mutateTree(root, random, raw, done);
    }
    String text = write(root);
    for (Map.Entry<String, String> marker : raw.entrySet()) {
      text = text.replace("\"" + marker.getKey() + "\"", marker.getValue());
    }
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(3) == 0) {
      body = mutateBytes(body, random, done);
    }
    return new Mutated(body, done);
  }

  private static JsonNode mutateTree(JsonNode root, Random random, Map<String, String> raw, List<String> done) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    int kind = random.nextInt(9);
    if (slots.isEmpty() || kind == 8) {
      String value = scalar(random);
      done.add("root " + shorten(value));
      return marker(raw, value);
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    switch (kind) {
      case 0 -> {
        String value = scalar(random);
        slot.set(marker(raw, value));
        done.add(slot + " := " + value);
      }
      case 1 -> {
        List<Slot> arrays = slots.stream().filter(s -> s.get().isArray()).toList();
        ArrayNode array = arrays.isEmpty() ? null : (ArrayNode) arrays.get(random.nextInt(arrays.size())).get();
        if (array == null) {
          slot.set(JsonNodeFactory.instance.arrayNode().addNull());
          done.add(slot + " := [null]");
        } else {
          array.insertNull(random.nextInt(array.size() + 1));
          done.add("null into a list");
        }
      }
      case 2 -> {
        String value = deep(random);
        slot.set(marker(raw, value));
        done.add(slot + " := nesting " + value.length() / 2);
      }
      case 3 -> {
        int length = List.of(10_000, 300_000, 1_100_000).get(random.nextInt(random.nextInt(4) == 0 ? 3 : 2));
        slot.set(TextNode.valueOf("x".repeat(length)));
        done.add(slot + " := string of " + length);
      }
      case 4 -> {
        String value = number(random);
        slot.set(marker(raw, value));
        done.add(slot + " := " + shorten(value));
      }
      case 5 -> {
        List<Slot> objects = slots.stream().filter(s -> s.get().isObject() && s.get().size() > 0).toList();
        ObjectNode object = objects.isEmpty() ? (root.isObject() ? (ObjectNode) root : null)
            : (ObjectNode) objects.get(random.nextInt(objects.size())).get();
        if (object != null && object.size() > 0) {
          List<String> names = new ArrayList<>();
          object.fieldNames().forEachRemaining(names::add);
          String name = names.get(random.nextInt(names.size()));
          String mark = MARK + raw.size() + "@@";
          raw.put(mark, write(TextNode.valueOf(name)));
          object.set(mark, random.nextBoolean() ? object.get(name).deepCopy() : JsonNodeFactory.instance.nullNode());
          done.add("duplicate key " + name);
        }
      }
      case 6 -> {
        if (slot.parent instanceof ObjectNode object) {
          object.remove(slot.field);
        } else {
          ((ArrayNode) slot.parent).remove(slot.index);
        }
        done.add("removed " + slot);
      }
      default -> {
        if (root instanceof ObjectNode object) {
          String value = scalar(random);
          object.set("unknown_" + random.nextInt(10), marker(raw, value));
          done.add("unknown field := " + value);
        }
      }
    }
    return root;
  }

  /** Truncation, bad UTF-8, or changed bytes. */
  static byte[] mutateBytes(byte[] body, Random random, List<String> done) {
    switch (random.nextInt(4)) {
      case 0 -> {
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        done.add("truncated at " + at);
        return Arrays.copyOf(body, at);
      }
      case 1, 2 -> {
        byte[] bad = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        // Mostly inside a string, where a decoder looks hardest.
        for (int i = at; i < body.length && random.nextBoolean(); i++) {
          if (body[i] == '"') {
            at = i + 1;
            break;
          }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, at);
        out.writeBytes(bad);
        out.write(body, at, body.length - at);
        done.add("bad UTF-8 at " + at);
        return out.toByteArray();
      }
      default -> {
        byte[] changed = body.clone();
        for (int i = 1 + random.nextInt(3); i > 0 && changed.length > 0; i--) {
          changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
        }
        done.add("changed bytes");
        return changed;
      }
    }
  }

  /** A value of any JSON type, valid or not, small. */
  static String scalar(Random random) {
    return List.of("null", "true", "false", "0", "-1", "1.5", "\"\"", "\"x\"", "[]", "{}", "[null]", "[[]]",
        "{\"\": null}", "\"2026-13-45T99:99:99Z\"", "\"../../../x\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\uZZZZ\"",
        "\"\\x41\"", "\"tab\there\"", "'single'", "undefined", "[1,]", "{\"a\"}", "{\"a\": 1,}", "\"")
        .get(random.nextInt(26));
  }

  /** Numbers past what int64, float64 or the parser take, and spellings JSON does not allow. */
  static String number(Random random) {
    return List.of("1e400", "-1e400", "1e-400", "9223372036854775808", "-9223372036854775809", "1" + "0".repeat(400),
        "9".repeat(1_001), "0." + "0".repeat(1_200) + "1", "1.7976931348623157e309", "-0", "1E+2", "01", "+1", ".5",
        "NaN", "Infinity", "-Infinity", "0x10", "1e", "--1", "4294967296", "2147483648").get(random.nextInt(22));
  }

  /** Arrays or objects nested around the parser's limit of 1,000. */
  static String deep(Random random) {
    int depth = List.of(999, 1_000, 1_001, 5_000).get(random.nextInt(4));
    return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  private static TextNode marker(Map<String, String> raw, String value) {
    String mark = MARK + raw.size() + "@@";
    raw.put(mark, value);
    return TextNode.valueOf(mark);
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "... (" + text.length() + " chars)" : text;
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      object.fieldNames().forEachRemaining(name -> {
        slots.add(new Slot(object, name, -1));
        collect(object.get(name), slots);
      });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collect(array.get(i), slots);
      }
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A place in the tree: a field of an object or an element of an array. */
  private record Slot(JsonNode parent, String field, int index) {
    JsonNode get() {
      return parent instanceof ObjectNode object ? object.get(field) : parent.get(index);
    }

    void set(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        object.set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    @Override
    public String toString() {
      return field != null ? field : "[" + index + "]";
    }
  }
}
