package dev.parity.definitions;

import dev.parity.definitions.yaml.RepositoryLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Test repositories under {@code src/test/resources} and helpers to load and edit copies. */
public final class Fixtures {
  private Fixtures() {}

  /** The directory of a test resource, e.g. {@code repos/drivers}. */
  public static Path resource(String name) {
    URL url = Fixtures.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path drivers() {
    return resource("repos/drivers");
  }

  /** Loads with declared schemas only and an empty environment. */
  public static FeatureRepository load(Path root) {
    return new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(root);
  }

  /** Copies the top-level files of {@code repo} into {@code target}. */
  public static Path copy(Path repo, Path target) {
    try (Stream<Path> files = Files.list(repo)) {
      Files.createDirectories(target);
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces exactly one occurrence of {@code from} in {@code file}. */
  public static void replaceOnce(Path file, String from, String to) {
    try {
      String text = Files.readString(file);
      int at = text.indexOf(from);
      if (at < 0 || text.indexOf(from, at + 1) >= 0) {
        throw new IllegalArgumentException("'" + from + "' is not in " + file + " exactly once");
      }
      Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
