package dev.parity.offline.validation;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.ColumnRules;
import dev.parity.definitions.Durations;
import dev.parity.definitions.RowCountRule;
import dev.parity.definitions.ValidationRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes {@link ValidationRules} as the {@code validation:} block of a feature view, in the shape
 * the YAML loader reads back to equal rules, so inferred rules can seed a definition. Stateless.
 */
public final class ValidationRulesYaml {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ValidationRulesYaml() {}

  /**
   * The block, starting with a {@code validation:} line at column 0, two spaces per level, ending
   * with a line break. Indent every line to place it under a feature view.
   */
  public static String toYaml(ValidationRules rules) {
    requireNonNull(rules, "rules is null");
    StringBuilder out = new StringBuilder("validation:\n");
    rules.rowCount().ifPresent(r -> out.append("  row_count: ").append(rowCount(r)).append('\n'));
    rules.freshness().ifPresent(f -> out.append("  freshness: ").append(Durations.format(f)).append('\n'));
    rules.baseline().ifPresent(b -> out.append("  baseline: ").append(quote(b)).append('\n'));
    if (!rules.columns().isEmpty()) {
      out.append("  columns:\n");
      for (Map.Entry<String, ColumnRules> column : rules.columns().entrySet()) {
        out.append("    ").append(key(column.getKey())).append(": ").append(columnRules(column.getValue())).append('\n');
      }
    }
    return out.toString();
  }

  private static String rowCount(RowCountRule rule) {
    List<String> fields = new ArrayList<>();
    rule.min().ifPresent(m -> fields.add("min: " + m));
    rule.max().ifPresent(m -> fields.add("max: " + m));
    return "{ " + String.join(", ", fields) + " }";
  }

  private static String columnRules(ColumnRules rules) {
    List<String> fields = new ArrayList<>();
    rules.maxNullFraction().ifPresent(v -> fields.add("max_null_fraction: " + Formats.number(v)));
    rules.min().ifPresent(v -> fields.add("min: " + Formats.number(v)));
    rules.max().ifPresent(v -> fields.add("max: " + Formats.number(v)));
    if (!rules.allowedValues().isEmpty()) {
      fields.add("allowed_values: [" + String.join(", ", rules.allowedValues().stream().map(ValidationRulesYaml::quote).toList()) + "]");
    }
    return fields.isEmpty() ? "{}" : "{ " + String.join(", ", fields) + " }";
  }

  private static String key(String name) {
    return PLAIN_KEY.matcher(name).matches() ? name : quote(name);
  }

  /** A YAML double-quoted scalar: always a string, whatever the text looks like. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints().forEach(c -> {
      if (c == '"' || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.append('"').toString();
  }
}
