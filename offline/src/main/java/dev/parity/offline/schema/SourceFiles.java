package dev.parity.offline.schema;

import static java.util.Objects.requireNonNull;

import dev.parity.offline.MissingInputException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists the files a source path names (docs/repository.md): a file; a directory, meaning every file below it;
 * or a glob such as {@code data/trips/*.parquet} or {@code data/**}{@code /part-*}. Below a
 * directory or glob base, names starting with {@code .} or {@code _} are skipped, files and
 * directories alike: writers' temporary files ({@code .name.tmp}) and markers such as
 * {@code _SUCCESS} or {@code _temporary/} are not data.
 *
 * <p>Files come in lexicographic order of their path relative to the repository root, the
 * "source order" that breaks the last ties of a point-in-time join. Stateless and thread-safe.
 */
public final class SourceFiles {
  private static final String GLOB_CHARACTERS = "*?[{";

  private SourceFiles() {}

  /**
   * The files {@code sourcePath} names.
   *
   * @param repositoryRoot the feature repository; {@code sourcePath} is relative to it
   * @param sourcePath a file, directory or glob, as in a source definition
   * @return absolute paths in lexicographic order of their relative paths; empty when the path
   *     does not exist or matches no file
   * @throws SourceSchemaException if a directory exists but cannot be listed
   */
  public static List<Path> list(Path repositoryRoot, String sourcePath) {
    requireNonNull(repositoryRoot, "repositoryRoot is null");
    requireNonNull(sourcePath, "sourcePath is null");
    Path root = repositoryRoot.toAbsolutePath().normalize();
    if (!isGlob(sourcePath)) {
      Path target = root.resolve(sourcePath).normalize();
      if (Files.isRegularFile(target)) {
        return List.of(target);
      }
      return Files.isDirectory(target) ? walk(root, target, file -> true) : List.of();
    }
    Path base = root.resolve(globBase(sourcePath)).normalize();
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + sourcePath);
    // A pattern naming directories (data/day=*) takes the files below the directories it matches.
    return walk(root, base, file -> {
      for (Path p = root.relativize(file); p != null; p = p.getParent()) {
        if (matcher.matches(p)) {
          return true;
        }
      }
      return false;
    });
  }

  /**
   * The files a location names, for reading: as {@link #list}, with an absolute location taken
   * as is and a relative one resolved against the working directory. The offline engine and data
   * validation read their inputs through this, so every path names the same files everywhere.
   *
   * @throws MissingInputException if the location names no file (missing path, empty directory,
   *     glob without match) or a directory cannot be listed
   */
  public static List<Path> resolve(String location) {
    requireNonNull(location, "location is null");
    Path path = Path.of(location).toAbsolutePath().normalize();
    Path root = path.getRoot();
    List<Path> files;
    try {
      files = list(root, root.relativize(path).toString().replace('\\', '/'));
    } catch (SourceSchemaException e) {
      throw new MissingInputException(path, "cannot list directory: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new MissingInputException(path, isGlob(location) ? "glob matches no file"
          : Files.isDirectory(path) ? "directory holds no data files" : "no such file or directory");
    }
    return files;
  }

  /** Whether a source path is a glob rather than a file or directory name. */
  public static boolean isGlob(String sourcePath) {
    return sourcePath.chars().anyMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0);
  }

  private static String globBase(String pattern) {
    StringBuilder base = new StringBuilder();
    for (String segment : pattern.split("/")) {
      if (isGlob(segment)) {
        break;
      }
      base.append(segment).append('/');
    }
    return base.length() == 0 ? "." : base.toString();
  }

  private static List<Path> walk(Path root, Path start, Predicate<Path> wanted) {
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
          return !dir.equals(start) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (attributes.isRegularFile() && !isHidden(file) && wanted.test(file)) {
            files.add(file);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new SourceSchemaException("cannot list " + root.relativize(start) + ": " + e, e);
    }
    files.sort(Comparator.comparing(file -> root.relativize(file).toString().replace('\\', '/')));
    return List.copyOf(files);
  }

  private static boolean isHidden(Path path) {
    String name = path.getFileName().toString();
    return name.startsWith(".") || name.startsWith("_");
  }
}
