package dev.parity.offline.validation;

import dev.parity.offline.MissingInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The data files a source or dataset location names, in lexicographic path order, as the offline
 * engine reads them: a file; every regular file below a directory, except names starting with
 * {@code .} or {@code _}; or the files a glob matches.
 */
final class DataFiles {
  private DataFiles() {}

  /** @throws MissingInputException if nothing exists there */
  static List<Path> resolve(Path location) {
    String text = location.toString();
    if (text.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
      Path pattern = location.toAbsolutePath().normalize();
      Path base = pattern.getRoot();
      for (Path part : pattern) {
        if (part.toString().chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
          break;
        }
        base = base.resolve(part.toString());
      }
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      List<Path> files = Files.isDirectory(base) ? list(base, matcher::matches) : List.of();
      if (files.isEmpty()) {
        throw new MissingInputException(pattern, "glob matches no file");
      }
      return files;
    }
    Path path = location.toAbsolutePath().normalize();
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new MissingInputException(path, "no such file or directory");
    }
    List<Path> files = list(path, p -> true);
    if (files.isEmpty()) {
      throw new MissingInputException(path, "directory holds no data files");
    }
    return files;
  }

  private static List<Path> list(Path dir, Predicate<Path> filter) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> visible(dir.relativize(p)))
          .filter(filter)
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new MissingInputException(dir, "cannot list directory: " + e.getMessage());
    }
  }

  private static boolean visible(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".") || part.toString().startsWith("_")) {
        return false;
      }
    }
    return true;
  }
}
