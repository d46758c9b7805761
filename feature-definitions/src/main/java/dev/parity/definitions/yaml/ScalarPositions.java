package dev.parity.definitions.yaml;

import java.util.List;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Maps a character offset inside a scalar's value to its 0-based line and column in the file,
 * undoing what YAML did to the text: the opening quote, {@code ''} and backslash escapes, line
 * folding, and the header and indentation of block scalars.
 */
final class ScalarPositions {
  private ScalarPositions() {}

  /** {line, column}, 0-based; the node's start when the text cannot be followed. */
  static int[] position(List<String> lines, ScalarNode node, int offset) {
    int startLine = node.getStartMark().getLine();
    int startColumn = node.getStartMark().getColumn();
    int[] fallback = {startLine, startColumn};
    if (startLine >= lines.size()) {
      return fallback;
    }
    ScalarStyle style = node.getScalarStyle();
    String value = node.getValue();
    int target = Math.max(0, Math.min(offset, value.length()));
    if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
      return block(lines, startLine, value, target, style == ScalarStyle.LITERAL).orElse(fallback);
    }
    int column = startColumn + (style == ScalarStyle.PLAIN ? 0 : 1);
    return flow(lines, startLine, column, value, target, style).orElse(fallback);
  }

  private static java.util.Optional<int[]> flow(List<String> lines, int line, int column, String value, int target, ScalarStyle style) {
    int i = 0;
    while (i < target) {
      if (line >= lines.size()) {
        return java.util.Optional.empty();
      }
      String text = lines.get(line);
      if (column >= text.length() || text.substring(column).isBlank()) {
        // A line break folds into one space, or into one newline per blank line.
        int blank = 0;
        line++;
        while (line < lines.size() && lines.get(line).isBlank()) {
          blank++;
          line++;
        }
        if (line >= lines.size()) {
          return java.util.Optional.empty();
        }
        column = firstNonSpace(lines.get(line));
        i += Math.max(1, blank);
        continue;
      }
      char c = text.charAt(column);
      if (style == ScalarStyle.DOUBLE_QUOTED && c == '\\') {
        char next = column + 1 < text.length() ? text.charAt(column + 1) : '\n';
        if (next == '\n') {
          line++;
          column = line < lines.size() ? firstNonSpace(lines.get(line)) : 0;
          continue;
        }
        column += next == 'x' ? 4 : next == 'u' ? 6 : next == 'U' ? 10 : 2;
      } else if (style == ScalarStyle.SINGLE_QUOTED && c == '\'') {
        column += 2;
      } else {
        column++;
      }
      i++;
    }
    return java.util.Optional.of(new int[] {line, column});
  }

  private static java.util.Optional<int[]> block(List<String> lines, int headerLine, String value, int target, boolean literal) {
    int first = headerLine + 1;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first >= lines.size()) {
      return java.util.Optional.empty();
    }
    int indent = firstNonSpace(lines.get(first));
    if (literal) {
      int lineIndex = 0;
      int lineStart = 0;
      for (int k = 0; k < target; k++) {
        if (value.charAt(k) == '\n') {
          lineIndex++;
          lineStart = k + 1;
        }
      }
      return java.util.Optional.of(new int[] {first + lineIndex, indent + target - lineStart});
    }
    return flow(lines, first, indent, value, target, ScalarStyle.PLAIN);
  }

  private static int firstNonSpace(String text) {
    int column = 0;
    while (column < text.length() && (text.charAt(column) == ' ' || text.charAt(column) == '\t')) {
      column++;
    }
    return column;
  }
}
