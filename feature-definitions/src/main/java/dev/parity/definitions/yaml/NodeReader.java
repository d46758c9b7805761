package dev.parity.definitions.yaml;

import dev.parity.definitions.DataType;
import dev.parity.definitions.DeclaredDefault;
import dev.parity.definitions.DefinitionError;
import dev.parity.definitions.Durations;
import dev.parity.definitions.Location;
import dev.parity.definitions.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of YAML nodes of one file. Every method reports what is wrong, at the node, and
 * returns empty; callers only decide whether what they read is complete. Not thread-safe.
 */
final class NodeReader {
  private static final Set<String> TRUE = Set.of("true", "yes", "on");
  private static final Set<String> FALSE = Set.of("false", "no", "off");

  final YamlFile file;
  private final List<DefinitionError> errors;
  private int errorCount;

  NodeReader(YamlFile file, List<DefinitionError> errors) {
    this.file = file;
    this.errors = errors;
  }

  /** Reports an error that makes the enclosing object unusable. */
  void error(Node node, String message) {
    errors.add(DefinitionError.at(location(node), message));
    errorCount++;
  }

  /** Reports an error after which the enclosing object is still usable (an ignored key). */
  void minorError(Node node, String message) {
    errors.add(DefinitionError.at(location(node), message));
  }

  /** Errors that make objects unusable reported so far (to tell whether one object read cleanly). */
  int errorCount() {
    return errorCount;
  }

  Location location(Node node) {
    return YamlLocator.location(file, node);
  }

  static String kindOf(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return node.getTag().equals(Tag.NULL) ? "nothing" : "a value";
  }

  /**
   * The entries of a mapping, by key. Reports a non-mapping, non-scalar keys, duplicate keys,
   * unknown keys (with a suggestion) and missing required keys.
   */
  Optional<Map<String, Node>> mapping(Node node, String what, List<String> allowed, List<String> required) {
    if (!(node instanceof MappingNode mapping)) {
      error(node, what + " must be a mapping, found " + kindOf(node));
      return Optional.empty();
    }
    Map<String, Node> entries = new LinkedHashMap<>();
    Map<String, Node> keyNodes = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        error(keyNode, "keys of " + what + " must be names, found " + kindOf(keyNode));
        continue;
      }
      String key = scalarKey.getValue();
      if (keyNodes.containsKey(key)) {
        minorError(keyNode, "duplicate key '" + key + "' in " + what + " (first at " + location(keyNodes.get(key)) + ")");
        continue;
      }
      keyNodes.put(key, keyNode);
      if (!allowed.isEmpty() && !allowed.contains(key)) {
        minorError(keyNode, "unknown key '" + key + "' in " + what + Names.didYouMean(key, allowed));
        continue;
      }
      entries.put(key, tuple.getValueNode());
    }
    for (String key : required) {
      if (!entries.containsKey(key) && !keyNodes.containsKey(key)) {
        error(node, what + " is missing required key '" + key + "'");
      }
    }
    return Optional.of(entries);
  }

  /** Key nodes of a mapping in order (for mappings whose keys are names chosen by the user). */
  List<NodeTuple> tuples(Node node, String what) {
    if (!(node instanceof MappingNode mapping)) {
      error(node, what + " must be a mapping, found " + kindOf(node));
      return List.of();
    }
    return mapping.getValue();
  }

  /** Items of a list; {@code null} (an empty value) reads as an empty list. */
  Optional<List<Node>> sequence(Node node, String what) {
    if (node instanceof ScalarNode && node.getTag().equals(Tag.NULL)) {
      return Optional.of(List.of());
    }
    if (!(node instanceof SequenceNode sequence)) {
      error(node, what + " must be a list, found " + kindOf(node));
      return Optional.empty();
    }
    return Optional.of(sequence.getValue());
  }

  Optional<String> scalar(Node node, String what) {
    if (!(node instanceof ScalarNode scalar)) {
      error(node, what + " must be a single value, found " + kindOf(node));
      return Optional.empty();
    }
    if (node.getTag().equals(Tag.NULL) || scalar.getValue().isBlank()) {
      error(node, what + " is empty");
      return Optional.empty();
    }
    return Optional.of(scalar.getValue());
  }

  Optional<String> identifier(Node node, String what) {
    Optional<String> value = scalar(node, what);
    if (value.isPresent() && !Names.isIdentifier(value.get())) {
      error(node, what + " '" + value.get() + "' is not a name (letters, digits and _, not starting with a digit)");
      return Optional.empty();
    }
    return value;
  }

  /** A list of distinct names. */
  Optional<List<String>> identifiers(Node node, String what, String listName) {
    Optional<List<Node>> items = sequence(node, listName);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    boolean ok = true;
    for (Node item : items.get()) {
      Optional<String> name = identifier(item, what);
      if (name.isEmpty()) {
        ok = false;
      } else if (names.contains(name.get())) {
        error(item, "duplicate " + what + " '" + name.get() + "'");
        ok = false;
      } else {
        names.add(name.get());
      }
    }
    return ok ? Optional.of(names) : Optional.empty();
  }

  Optional<Duration> duration(Node node, String what) {
    return scalar(node, what)
        .flatMap(
            text -> {
              try {
                return Optional.of(Durations.parse(text));
              } catch (IllegalArgumentException e) {
                error(node, what + ": " + e.getMessage());
                return Optional.empty();
              }
            });
  }

  Optional<Boolean> bool(Node node, String what) {
    return scalar(node, what)
        .flatMap(
            text -> {
              String lower = text.toLowerCase(Locale.ROOT);
              if (TRUE.contains(lower) || FALSE.contains(lower)) {
                return Optional.of(TRUE.contains(lower));
              }
              error(node, what + " must be true or false, found '" + text + "'");
              return Optional.empty();
            });
  }

  Optional<Double> number(Node node, String what) {
    return scalar(node, what)
        .flatMap(
            text -> {
              try {
                double value = Double.parseDouble(text.replace("_", ""));
                if (Double.isFinite(value)) {
                  return Optional.of(value);
                }
              } catch (NumberFormatException e) {
                // reported below, with the same message as a non-finite number
              }
              error(node, what + " must be a number, found '" + text + "'");
              return Optional.empty();
            });
  }

  Optional<Long> integer(Node node, String what) {
    return scalar(node, what)
        .flatMap(
            text -> {
              try {
                return Optional.of(Long.parseLong(text.replace("_", "")));
              } catch (NumberFormatException e) {
                error(node, what + " must be an integer, found '" + text + "'");
                return Optional.empty();
              }
            });
  }

  /**
   * A {@code default:} value, by what YAML made of it: a bool, an integer, a decimal number or a
   * string (quoted, or plain text YAML reads as no other type). Nothing, lists, mappings and other
   * YAML types (a date) are errors.
   */
  Optional<DeclaredDefault> declaredDefault(Node node, String what) {
    if (!(node instanceof ScalarNode scalar)) {
      error(node, what + " must be a single value, found " + kindOf(node));
      return Optional.empty();
    }
    Tag tag = node.getTag();
    String text = scalar.getValue();
    if (tag.equals(Tag.NULL)) {
      error(node, what + " is empty (a default cannot be null: leave the key out for no default)");
      return Optional.empty();
    }
    if (tag.equals(Tag.BOOL)) {
      return Optional.of(new DeclaredDefault(DeclaredDefault.Kind.BOOL, text.toLowerCase(Locale.ROOT)));
    }
    if (tag.equals(Tag.INT)) {
      return Optional.of(new DeclaredDefault(DeclaredDefault.Kind.INTEGER, text));
    }
    if (tag.equals(Tag.FLOAT)) {
      return Optional.of(new DeclaredDefault(DeclaredDefault.Kind.FLOAT, text));
    }
    if (tag.equals(Tag.STR)) {
      return Optional.of(new DeclaredDefault(DeclaredDefault.Kind.STRING, text));
    }
    error(node, what + " '" + text + "' is not a bool, number or string in YAML; quote it (\"" + text
        + "\") for a string default");
    return Optional.empty();
  }

  Optional<DataType> dataType(Node node, String what) {
    return scalar(node, what)
        .flatMap(
            text -> {
              Optional<DataType> type = DataType.fromYamlName(text);
              if (type.isEmpty()) {
                List<String> names = Arrays.stream(DataType.values()).map(DataType::yamlName).toList();
                error(node, "unknown type '" + text + "' for " + what + " (expected " + String.join(", ", names) + ")" + Names.didYouMean(text, names));
              }
              return type;
            });
  }

  /** The enum constant named {@code text} (by its YAML name), or an error listing the choices. */
  <E> Optional<E> choice(Node node, String what, List<E> values, java.util.function.Function<E, String> yamlName) {
    return scalar(node, what)
        .flatMap(
            text -> {
              for (E value : values) {
                if (yamlName.apply(value).equals(text.toLowerCase(Locale.ROOT))) {
                  return Optional.of(value);
                }
              }
              List<String> names = values.stream().map(yamlName).collect(Collectors.toList());
              error(node, "unknown " + what + " '" + text + "' (expected " + String.join(", ", names) + ")" + Names.didYouMean(text, names));
              return Optional.empty();
            });
  }
}
