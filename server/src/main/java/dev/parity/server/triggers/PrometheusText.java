package dev.parity.server.triggers;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads samples from Prometheus' text exposition format (version 0.0.4, and the sample lines of
 * OpenMetrics text): one sample a line, {@code name{label="value",...} value [timestamp]}. Lines
 * starting with {@code #} ({@code HELP}, {@code TYPE}, {@code EOF}) and blank lines are skipped;
 * label values may escape {@code \\}, {@code \"} and {@code \n}; values are Go floats ({@code 1.5e-3},
 * {@code NaN}, {@code +Inf}, {@code -Inf}); an OpenMetrics exemplar after the value ({@code # {...} v})
 * is ignored. The Prometheus Java client writes this format but does not read it, hence this
 * parser. Stateless.
 */
final class PrometheusText {
  /** One sample: metric name, labels, value. */
  record Sample(String name, Map<String, String> labels, double value) {
    Sample {
      requireNonNull(name, "name is null");
      labels = Map.copyOf(labels);
    }

    /** Whether every one of {@code wanted} is among this sample's labels, with the same value. */
    boolean matches(String metric, Map<String, String> wanted) {
      return name.equals(metric) && wanted.entrySet().stream()
          .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
  }

  /** A line that is not a sample; the message names the line. */
  static final class FormatException extends IllegalArgumentException {
    FormatException(int line, String message) {
      super("line " + line + ": " + message);
    }
  }

  private PrometheusText() {}

  /**
   * The samples of {@code text}, in order.
   *
   * @throws FormatException at the first malformed line
   */
  static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      samples.add(new LineReader(trimmed, i + 1).sample());
    }
    return samples;
  }

  /** Reads one sample line, left to right. */
  private static final class LineReader {
    private final String line;
    private final int number;
    private int at;

    LineReader(String line, int number) {
      this.line = line;
      this.number = number;
    }

    Sample sample() {
      String name = name(true, "a metric name");
      Map<String, String> labels = new LinkedHashMap<>();
      int end = at;
      skipBlanks();
      if (peek() == '{') {
        at++;
        labels(labels);
        end = at;
        skipBlanks();
      }
      if (at == end && at < line.length()) {
        throw error("expected a space before the value");
      }
      int start = at;
      while (at < line.length() && !isBlank(peek())) {
        at++;
      }
      if (start == at) {
        throw error("missing value");
      }
      double value = number(line.substring(start, at));
      skipBlanks();
      // What may follow: a timestamp (ignored: the value is read as current), then an exemplar.
      if (at < line.length() && peek() != '#') {
        int stamp = at;
        while (at < line.length() && !isBlank(peek())) {
          at++;
        }
        number(line.substring(stamp, at));
        skipBlanks();
      }
      if (at < line.length() && peek() != '#') {
        throw error("unexpected '" + line.substring(at) + "' after the value");
      }
      return new Sample(name, labels, value);
    }

    private void labels(Map<String, String> labels) {
      while (true) {
        skipBlanks();
        if (peek() == '}') {
          at++;
          return;
        }
        String label = name(false, "a label name");
        skipBlanks();
        expect('=');
        skipBlanks();
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
          if (at >= line.length()) {
            throw error("unterminated value of label '" + label + "'");
          }
          char c = line.charAt(at++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            if (at >= line.length()) {
              throw error("unterminated value of label '" + label + "'");
            }
            char escaped = line.charAt(at++);
            value.append(switch (escaped) {
              case 'n' -> '\n';
              case '\\', '"' -> escaped;
              default -> throw error("unknown escape '\\" + escaped + "' in label '" + label + "'");
            });
          } else {
            value.append(c);
          }
        }
        if (labels.put(label, value.toString()) != null) {
          throw error("label '" + label + "' repeated");
        }
        skipBlanks();
        if (peek() == ',') {
          at++;
        } else if (peek() != '}') {
          throw error("expected ',' or '}' after the value of label '" + label + "'");
        }
      }
    }

    private String name(boolean metric, String what) {
      int start = at;
      while (at < line.length()) {
        char c = line.charAt(at);
        boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || metric && c == ':';
        if (!letter && !(at > start && c >= '0' && c <= '9')) {
          break;
        }
        at++;
      }
      if (start == at) {
        throw error("expected " + what);
      }
      return line.substring(start, at);
    }

    private double number(String text) {
      switch (text) {
        case "+Inf", "Inf" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-Inf" -> {
          return Double.NEGATIVE_INFINITY;
        }
        case "NaN" -> {
          return Double.NaN;
        }
        default -> {
          // Double.parseDouble also takes "Infinity", hex and a trailing 'd': not Go floats.
          if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw error("'" + text + "' is not a number");
          }
          return Double.parseDouble(text);
        }
      }
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      at++;
    }

    private char peek() {
      return at < line.length() ? line.charAt(at) : '\0';
    }

    private void skipBlanks() {
      while (at < line.length() && isBlank(line.charAt(at))) {
        at++;
      }
    }

    private static boolean isBlank(char c) {
      return c == ' ' || c == '\t';
    }

    private FormatException error(String message) {
      return new FormatException(number, message + " in '" + line + "'");
    }
  }
}
