package dev.parity.server.testing;

import dev.parity.offline.sample.SampleDataGenerator;
import dev.parity.offline.sample.SampleDataOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sample feature repository {@code examples/drivers} (found through the system property
 * {@code parity.examples.dir}, which the build sets) copied into a test's directory with its data
 * generated, so Parquet schemas are checked against real files; plus small edits tests make.
 */
public final class SampleRepository {
  /** The definitions file of the sample repository. */
  public static final String DEFINITIONS = "drivers.yaml";

  /**
   * A definitions file with three errors, at lines 4 (unknown source), 11 (type mismatch with the
   * Parquet column) and 12 (unknown column in an expression).
   */
  public static final List<String> BROKEN = List.of(
      "feature_views:",
      "  - name: broken_view",
      "    entities: [driver]",
      "    source: driver_stat",
      "    features:",
      "      - { name: conv_rate, type: float64 }",
      "  - name: typed_wrong",
      "    entities: [driver]",
      "    source: driver_stats",
      "    features:",
      "      - { name: vehicle_type, type: int64 }",
      "      - { name: bad_expr, type: float64, expr: \"log1p(no_such_column)\" }");

  private SampleRepository() {}

  /** Copies the definitions and {@code parity.yaml} into {@code target} and generates {@code data/}. */
  public static Path create(Path target) {
    Path examples = examplesDir();
    try (Stream<Path> files = Files.list(examples)) {
      Files.createDirectories(target);
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    new SampleDataGenerator(SampleDataOptions.small(42), new PrintStream(OutputStream.nullOutputStream()), false)
        .generate(target);
    return target;
  }

  /**
   * Replaces {@code from} by {@code to} in a definitions file.
   *
   * @throws IllegalStateException if {@code from} does not occur, so a test never edits nothing
   */
  public static void edit(Path repository, String file, String from, String to) {
    Path path = repository.resolve(file);
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      if (!text.contains(from)) {
        throw new IllegalStateException(file + " does not contain '" + from + "'");
      }
      Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Declares {@code default:} values on features of the sample definitions: each key names a
   * feature or aggregation as declared ({@code conv_rate}, {@code fare_sum_1d}), each value is the
   * YAML scalar to declare.
   *
   * @throws IllegalStateException if a name is not declared exactly once on a line of its own
   */
  public static void declareDefaults(Path repository, Map<String, String> defaults) {
    Path path = repository.resolve(DEFINITIONS);
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      for (Map.Entry<String, String> entry : defaults.entrySet()) {
        Matcher line = Pattern.compile("(?m)^(\\s*- \\{ name: " + Pattern.quote(entry.getKey()) + ",.*?) }")
            .matcher(text);
        if (!line.find()) {
          throw new IllegalStateException(DEFINITIONS + " declares no feature " + entry.getKey() + " on one line");
        }
        int start = line.start();
        int end = line.end();
        String declared = line.group(1) + ", default: " + entry.getValue() + " }";
        if (line.find()) {
          throw new IllegalStateException(DEFINITIONS + " declares " + entry.getKey() + " twice");
        }
        text = text.substring(0, start) + declared + text.substring(end);
      }
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a definitions file, one line per element of {@code lines}. */
  public static void write(Path repository, String file, List<String> lines) {
    try {
      Files.write(repository.resolve(file), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path examplesDir() {
    String dir = System.getProperty("parity.examples.dir");
    if (dir == null || !Files.isDirectory(Path.of(dir))) {
      throw new IllegalStateException("system property parity.examples.dir must name examples/drivers (the build sets it), got "
          + dir);
    }
    return Path.of(dir);
  }
}
