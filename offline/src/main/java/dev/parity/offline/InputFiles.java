package dev.parity.offline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Resolves an input location to files in lexicographic path order: the source order that breaks
 * point-in-time ties. Under a directory, files whose name starts with {@code .} or {@code _}
 * (Spark's {@code _SUCCESS}, editor droppings) are skipped.
 */
final class InputFiles {
  private InputFiles() {}

  static List<Path> resolve(String location) {
    if (location.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
      return glob(location);
    }
    Path path = Paths.get(location).toAbsolutePath().normalize();
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new MissingInputException(path, "no such file or directory");
    }
    List<Path> files = walk(path, p -> true);
    if (files.isEmpty()) {
      throw new MissingInputException(path, "directory holds no data files");
    }
    return files;
  }

  private static List<Path> glob(String location) {
    Path pattern = Paths.get(location).toAbsolutePath().normalize();
    Path base = pattern.getRoot();
    for (Path part : pattern) {
      String s = part.toString();
      if (s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
        break;
      }
      base = base.resolve(s);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    List<Path> files = Files.isDirectory(base) ? walk(base, matcher::matches) : List.of();
    if (files.isEmpty()) {
      throw new MissingInputException(pattern, "glob matches no file");
    }
    return files;
  }

  private static List<Path> walk(Path dir, java.util.function.Predicate<Path> filter) {
    try (Stream<Path> stream = Files.walk(dir)) {
      return stream
          .filter(Files::isRegularFile)
          .filter(p -> !hidden(dir.relativize(p)))
          .filter(filter)
          .sorted(Comparator.comparing(Path::toString))
          .collect(Collectors.toList());
    } catch (IOException | UncheckedIOException e) {
      throw new MissingInputException(dir, "cannot list directory: " + e.getMessage());
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }
}
