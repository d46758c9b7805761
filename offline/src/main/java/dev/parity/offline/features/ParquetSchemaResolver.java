package dev.parity.offline.features;

import dev.parity.definitions.Source;
import dev.parity.definitions.SourceFormat;
import dev.parity.definitions.SourceSchema;
import dev.parity.definitions.SourceSchemaResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resolves the schema of a Parquet source from the footer of its first file in lexicographic path
 * order (files and directories whose name starts with {@code .} or {@code _} are skipped, as the
 * engine does). Unsigned integers, timestamps without time zone and other types Parity cannot read
 * resolve to {@link dev.parity.definitions.SourceColumnType#BINARY}, so definitions using them are
 * rejected. CSV sources always declare their schema and resolve to empty here. Stateless and
 * thread-safe.
 */
public final class ParquetSchemaResolver implements SourceSchemaResolver {

  /**
   * @return empty for CSV sources and sources without files yet
   * @throws dev.parity.offline.CorruptInputException if the first file's footer cannot be read
   */
  @Override
  public Optional<SourceSchema> resolve(Source source, Path repositoryRoot) {
    if (source.format() != SourceFormat.PARQUET) {
      return Optional.empty();
    }
    return firstFile(source.resolve(repositoryRoot).toAbsolutePath().normalize())
        .map(file -> new SourceSchema(ParquetFooters.columns(file)));
  }

  private static Optional<Path> firstFile(Path location) {
    String text = location.toString();
    boolean glob = text.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    if (!glob) {
      return Files.isRegularFile(location) ? Optional.of(location) : first(location, p -> true);
    }
    Path base = location.getRoot();
    for (Path part : location) {
      String s = part.toString();
      if (s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
        break;
      }
      base = base.resolve(s);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + location);
    return first(base, matcher::matches);
  }

  private static Optional<Path> first(Path dir, java.util.function.Predicate<Path> filter) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !hidden(dir.relativize(p)))
          .filter(filter)
          .min(Comparator.comparing(Path::toString));
    } catch (IOException | UncheckedIOException e) {
      throw new dev.parity.offline.MissingInputException(dir, "cannot list directory: " + e.getMessage());
    }
  }

  static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".") || part.toString().startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  /** Files of a directory (not hidden, lexicographic path order), or the file itself. */
  static List<Path> files(Path location) {
    if (Files.isRegularFile(location)) {
      return List.of(location);
    }
    try (Stream<Path> files = Files.walk(location)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !hidden(location.relativize(p)))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new dev.parity.offline.MissingInputException(location, "cannot list: " + e.getMessage());
    }
  }
}
