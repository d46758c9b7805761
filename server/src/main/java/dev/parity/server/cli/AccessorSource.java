package dev.parity.server.cli;

import static java.util.Objects.requireNonNull;

import dev.parity.ParityException;
import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.selection.SelectedFeature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;

/**
 * The Java source of a feature service's typed accessors: a record with one nullable, boxed
 * component per feature, read from a client {@code FeatureRow} with the getter of the feature's
 * type, so that a feature renamed, removed or retyped in the definitions is a compile error in
 * the code that uses the regenerated record. Each feature's declared {@code default:} is written
 * into the record's documentation and its {@code DEFAULTS} constant. Immutable.
 *
 * @param packageName the Java package, already checked by {@link #checkPackage}
 * @param className the record's name, already checked by {@link #checkIdentifier}
 * @param service the feature service
 * @param version the service's registered version
 * @param features its features, in output order
 * @param fullNames whether the result columns are named {@code view__feature}
 * @param defaults the declared default of each feature that has one (a Boolean, Long, Double or
 *     String, as {@code FeatureRepository.defaultValue} gives it)
 */
record AccessorSource(String packageName, String className, String service, String version,
    List<SelectedFeature> features, boolean fullNames, Map<FeatureRef, Object> defaults) {
  AccessorSource {
    requireNonNull(packageName, "packageName is null");
    requireNonNull(className, "className is null");
    requireNonNull(service, "service is null");
    requireNonNull(version, "version is null");
    features = List.copyOf(features);
    defaults = Map.copyOf(defaults);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("feature service '" + service + "' has no features");
    }
  }

  /** The client's type and getter for one Parity type: boxed, so that an absent value is null. */
  private record JavaType(String name, String getter) {}

  private static final Map<DataType, JavaType> TYPES = Map.of(
      DataType.BOOL, new JavaType("Boolean", "getBooleanOrNull"),
      DataType.INT64, new JavaType("Long", "getLongOrNull"),
      DataType.FLOAT64, new JavaType("Double", "getDoubleOrNull"),
      DataType.STRING, new JavaType("String", "getStringOrNull"),
      DataType.TIMESTAMP, new JavaType("Instant", "getInstantOrNull"));

  /** Names the generated code declares itself, which no component may take. */
  private static final Set<String> RESERVED = Set.of("from", "SERVICE", "SERVICE_VERSION", "FEATURE_NAMES", "DEFAULTS",
      "hashCode", "toString", "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");

  /**
   * Checks a package name: dot-separated Java identifiers, no keyword, so that it is also a
   * relative path of plain directory names (no {@code ..}, no root, no separator).
   *
   * @throws ParityException naming the flag and the offending part
   */
  static String checkPackage(String name) {
    if (name == null || !SourceVersion.isName(name, SourceVersion.RELEASE_17)) {
      throw new ParityException("--package '" + name + "' is not a Java package name: dot-separated Java "
          + "identifiers such as com.example.features, none a keyword");
    }
    return name;
  }

  /** @throws ParityException {@code name} is not a Java identifier or is a keyword */
  static String checkIdentifier(String flag, String name) {
    if (!isIdentifier(name)) {
      throw new ParityException(flag + " '" + name + "' is not a Java identifier");
    }
    return name;
  }

  /** Whether {@code name} can name a class or a component: an identifier, not a keyword. */
  static boolean isIdentifier(String name) {
    return name != null && SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name, SourceVersion.RELEASE_17)
        && !name.equals("_");
  }

  /** {@code driver_ranking_v1} → {@code DriverRankingV1}. */
  static String className(String service) {
    StringBuilder name = new StringBuilder();
    for (String part : service.split("_")) {
      if (!part.isEmpty()) {
        name.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
      }
    }
    return name.toString();
  }

  /**
   * {@code conv_rate} → {@code convRate}, {@code trips_7d} → {@code trips7d}; a name that would
   * start with a digit gets a leading {@code _}, a keyword or a name of the record's own a
   * trailing one.
   */
  static String componentName(String feature) {
    StringBuilder name = new StringBuilder();
    for (String part : feature.split("_")) {
      if (part.isEmpty()) {
        continue;
      }
      if (name.isEmpty()) {
        name.append(Character.toLowerCase(part.charAt(0))).append(part, 1, part.length());
      } else {
        name.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
      }
    }
    String candidate = name.isEmpty() ? "feature" : name.toString();
    if (Character.isDigit(candidate.charAt(0))) {
      candidate = "_" + candidate;
    }
    if (SourceVersion.isKeyword(candidate, SourceVersion.RELEASE_17) || RESERVED.contains(candidate)) {
      candidate = candidate + "_";
    }
    return candidate;
  }

  /** The path of the source under the output directory: {@code com/example/DriverRankingV1.java}. */
  String relativePath() {
    return packageName.replace('.', '/') + "/" + className + ".java";
  }

  /**
   * The source text.
   *
   * @throws ParityException two features would have the same component name
   */
  String render() {
    List<String> components = components();
    boolean instants = features.stream().anyMatch(f -> f.type() == DataType.TIMESTAMP);
    StringBuilder src = new StringBuilder();
    src.append("// Generated by parity codegen from the applied definitions of feature service ").append(service)
        .append(".\n// Do not edit: regenerate after changing the definitions.\n");
    src.append("package ").append(packageName).append(";\n\n");
    src.append("import dev.parity.client.FeatureRow;\n");
    src.append("import dev.parity.client.OnlineFeatures;\n");
    if (instants) {
      src.append("import java.time.Instant;\n");
    }
    src.append("import java.util.List;\n\n");
    src.append("/**\n");
    src.append(" * The features of feature service {@code ").append(service).append("}, version {@code ").append(version)
        .append("}, as typed values: one row of a lookup of the service")
        .append(fullNames ? " made with {@code fullFeatureNames()}" : "").append(".\n");
    src.append(" * A component is null when the row has no value for its feature (not found, too old, or null);\n");
    src.append(" * {@link FeatureRow#status} says which. A feature with a declared default has it instead when\n");
    src.append(" * its row was not found or too old (status kept), or when the client degraded to defaults;\n");
    src.append(" * {@link #DEFAULTS} holds them.\n *\n");
    for (int i = 0; i < features.size(); i++) {
      SelectedFeature feature = features.get(i);
      src.append(" * @param ").append(components.get(i)).append(" feature {@code ").append(feature.ref().feature())
          .append("} of ").append(feature.onDemand() ? "on-demand view" : "feature view").append(" {@code ")
          .append(feature.ref().view()).append("}, Parity type {@code ").append(feature.type().yamlName())
          .append("}, result column {@code ").append(feature.outputName(fullNames)).append("}, ")
          .append(defaultDoc(feature)).append("\n");
    }
    src.append(" */\n");
    src.append("public record ").append(className).append("(\n");
    for (int i = 0; i < features.size(); i++) {
      src.append("    ").append(TYPES.get(features.get(i).type()).name()).append(' ').append(components.get(i))
          .append(i + 1 < features.size() ? ",\n" : ") {\n");
    }
    src.append("  /** The feature service these accessors read. */\n");
    src.append("  public static final String SERVICE = \"").append(service).append("\";\n\n");
    src.append("  /** The version of the service's definition they were generated from. */\n");
    src.append("  public static final String SERVICE_VERSION = \"").append(version).append("\";\n\n");
    src.append("  /** The result columns read, in the service's order. */\n");
    src.append("  public static final List<String> FEATURE_NAMES = List.of(");
    src.append(features.stream().map(f -> "\"" + f.outputName(fullNames) + "\"").collect(Collectors.joining(", ")));
    src.append(");\n\n");
    src.append("  /**\n   * Each feature's declared {@code default:}, null for a feature without one: the value the server\n");
    src.append("   * serves for a row not found or too old, the training set has where no row is in range, and a\n");
    src.append("   * client degraded to defaults answers with.\n   */\n");
    src.append("  public static final ").append(className).append(" DEFAULTS = new ").append(className).append("(");
    for (int i = 0; i < features.size(); i++) {
      Object declared = defaults.get(features.get(i).ref());
      src.append(i == 0 ? "\n        " : ",\n        ").append(declared == null
          ? "null" : literal(declared));
    }
    src.append(");\n\n");
    src.append("  /**\n   * The features of {@code row}.\n   *\n");
    src.append("   * @throws dev.parity.client.FeatureAccessException a column is missing or of another type:\n");
    src.append("   *     the server's definitions are not those these accessors were generated from\n   */\n");
    src.append("  public static ").append(className).append(" from(FeatureRow row) {\n");
    src.append("    return new ").append(className).append("(\n");
    for (int i = 0; i < features.size(); i++) {
      SelectedFeature feature = features.get(i);
      src.append("        row.").append(TYPES.get(feature.type()).getter()).append("(\"")
          .append(feature.outputName(fullNames)).append("\")").append(i + 1 < features.size() ? ",\n" : ");\n");
    }
    src.append("  }\n\n");
    src.append("  /** The features of every row of {@code result}, in row order. */\n");
    src.append("  public static List<").append(className).append("> from(OnlineFeatures result) {\n");
    src.append("    return result.rows().stream().map(").append(className).append("::from).toList();\n");
    src.append("  }\n");
    src.append("}\n");
    return src.toString();
  }

  /** "declared default 0.5" (the literal in code font) or "no declared default", for a component's documentation. */
  private String defaultDoc(SelectedFeature feature) {
    Object declared = defaults.get(feature.ref());
    if (declared == null) {
      return "no declared default";
    }
    // HTML, not {@code}: a string default may hold braces, '@' or "*" + "/", which would end the comment.
    StringBuilder doc = new StringBuilder("declared default <code>");
    for (char c : literal(declared).toCharArray()) {
      switch (c) {
        case '&' -> doc.append("&amp;");
        case '<' -> doc.append("&lt;");
        case '>' -> doc.append("&gt;");
        case '@', '{', '}', '/', '*' -> doc.append("&#").append((int) c).append(';');
        default -> doc.append(c);
      }
    }
    return doc.append("</code>").toString();
  }

  /**
   * A declared default as a Java literal of the component's type: {@code 0.5}, {@code -1L}, {@code
   * true}, {@code "a\"b"}. Strings escape backslashes, quotes and control characters, and write
   * non-ASCII characters as Unicode escapes, so that the source reads the same in any encoding.
   */
  static String literal(Object value) {
    if (value instanceof Long l) {
      return l + "L";
    } else if (value instanceof Double d) {
      // The shortest text that reads back as the same double; declared defaults are finite.
      return Double.toString(d);
    } else if (value instanceof Boolean b) {
      return b.toString();
    } else if (value instanceof String text) {
      StringBuilder literal = new StringBuilder("\"");
      for (char c : text.toCharArray()) {
        switch (c) {
          case '\\' -> literal.append("\\\\");
          case '"' -> literal.append("\\\"");
          case '\n' -> literal.append("\\n");
          case '\r' -> literal.append("\\r");
          case '\t' -> literal.append("\\t");
          default -> {
            if (c < 0x20 || c > 0x7e) {
              literal.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              literal.append(c);
            }
          }
        }
      }
      return literal.append('"').toString();
    }
    throw new IllegalArgumentException("a declared default is a Boolean, Long, Double or String, not " + value);
  }

  private List<String> components() {
    List<String> names = new ArrayList<>();
    Map<String, String> owners = new HashMap<>();
    for (SelectedFeature feature : features) {
      String name = componentName(feature.outputName(fullNames));
      String owner = owners.putIfAbsent(name.toLowerCase(Locale.ROOT), feature.ref().requestForm());
      if (owner != null) {
        throw new ParityException("features " + owner + " and " + feature.ref().requestForm()
            + " would both be the record component '" + name + "'" + (fullNames ? "" : "; try --full-names"));
      }
      names.add(name);
    }
    return names;
  }
}
