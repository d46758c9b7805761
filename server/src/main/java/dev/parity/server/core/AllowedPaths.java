package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.schema.SourceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the paths named in HTTP requests may point (docs/operations.md): inside the feature repository, its
 * {@code offline.path}, or a directory the server configuration adds ({@code paths.allowed}).
 * Relative paths are relative to the repository.
 *
 * <p>A path is allowed when its real location is inside the real location of one of those
 * directories: symbolic links are followed, for a file that does not exist yet those of its
 * nearest existing ancestor, so a link inside a directory that points outside it is refused, as is
 * a directory (an entity table) holding such a link. A path that is outside, cannot be resolved,
 * or links outside is refused with one message, the same whether anything exists there or not:
 * a request learns nothing about files outside. Paths that are outside before links are followed
 * are refused without looking at the file system.
 *
 * <p>The CLI does not use this: its user names any file they may open. Immutable and thread-safe;
 * the directories are resolved again on each call, so a repository whose {@code offline.path}
 * changes, or whose directories are created later, is followed. What was checked is what is
 * used: the returned paths have their links resolved.
 */
public final class AllowedPaths {
  /** The suffix of outputs that are Parquet files. */
  public static final String PARQUET = ".parquet";
  private static final String WHERE = "the feature repository, its offline.path and the server configuration's "
      + "paths.allowed; symbolic links are followed";
  private final List<Path> extraRoots;

  /**
   * @param extraRoots absolute directories allowed besides the repository and its offline path
   * @throws IllegalArgumentException if one is relative
   */
  public AllowedPaths(List<Path> extraRoots) {
    for (Path root : requireNonNull(extraRoots, "extraRoots is null")) {
      if (!requireNonNull(root, "an extra root is null").isAbsolute()) {
        throw new IllegalArgumentException("allowed directory " + root + " is not absolute");
      }
    }
    this.extraRoots = extraRoots.stream().map(Path::normalize).toList();
  }

  /**
   * A file or directory to read, named by the request's {@code field}: its real path. A
   * directory's files (as {@link SourceFiles#list} finds them) must be inside too.
   *
   * @throws RequestPathException if the value is missing or malformed, or the path is outside the
   *     allowed directories
   */
  public Path input(FeatureRepository repository, String field, String value) {
    Path path = confined(repository, field, value);
    if (Files.isDirectory(path)) {
      List<Path> roots = realRoots(repository);
      for (Path file : SourceFiles.list(path, ".")) {
        Optional<Path> real = real(file);
        if (real.isEmpty() || !inside(real.get(), roots)) {
          throw outside(field, value);
        }
      }
    }
    return path;
  }

  /**
   * A file to write, named by the request's {@code field}, whose name must end with {@code
   * suffix} (such as {@link #PARQUET}): its real path (it need not exist yet).
   *
   * @throws RequestPathException if the value is missing or malformed, does not end with the
   *     suffix, or the path is outside the allowed directories
   */
  public Path output(FeatureRepository repository, String field, String value, String suffix) {
    requireNonNull(suffix, "suffix is null");
    Path given = parse(field, value);
    // Checked before anything is resolved, and again on the file links lead to.
    if (!hasSuffix(given, suffix)) {
      throw new RequestPathException(quoted(field, value) + " must name a " + suffix + " file");
    }
    Path path = confined(repository, field, value);
    if (!hasSuffix(path, suffix)) {
      throw new RequestPathException(quoted(field, value) + " must name a " + suffix + " file; it links to another");
    }
    return path;
  }

  private Path confined(FeatureRepository repository, String field, String value) {
    Path root = repository.root().toAbsolutePath().normalize();
    Path candidate = root.resolve(parse(field, value)).normalize();
    List<Path> roots = roots(repository);
    List<Path> realRoots = realRoots(repository);
    if (!inside(candidate, roots) && !inside(candidate, realRoots)) {
      throw outside(field, value);
    }
    Optional<Path> real = real(candidate);
    if (real.isEmpty() || !inside(real.get(), realRoots)) {
      throw outside(field, value);
    }
    return real.get();
  }

  /** The allowed directories, absolute and normalized. */
  private List<Path> roots(FeatureRepository repository) {
    Path root = repository.root().toAbsolutePath().normalize();
    List<Path> roots = new ArrayList<>();
    roots.add(root);
    roots.add(repository.config().offlineDirectory(root));
    roots.addAll(extraRoots);
    return roots;
  }

  /** The allowed directories with their links resolved; one that cannot be resolved allows nothing. */
  private List<Path> realRoots(FeatureRepository repository) {
    return roots(repository).stream().map(AllowedPaths::real).flatMap(Optional::stream).toList();
  }

  private static boolean inside(Path path, List<Path> roots) {
    return roots.stream().anyMatch(path::startsWith);
  }

  /**
   * {@code path} (absolute, normalized) with every link resolved: the real path of its nearest
   * existing ancestor followed by the names that do not exist yet. Empty when it cannot be
   * resolved: a dangling link (it could be created anywhere), a loop, a directory not readable.
   */
  private static Optional<Path> real(Path path) {
    Path existing = path;
    Deque<Path> missing = new ArrayDeque<>();
    // NOFOLLOW_LINKS: a dangling link exists, and then fails to resolve below.
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      missing.push(existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.empty();
    }
    try {
      Path real = existing.toRealPath();
      for (Path name : missing) {
        real = real.resolve(name);
      }
      return Optional.of(real);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Path parse(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new RequestPathException("\"" + field + "\" is missing: give a file path (relative to the feature "
          + "repository)");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new RequestPathException(quoted(field, value) + " is not a valid path: " + e.getReason());
    }
  }

  private static boolean hasSuffix(Path path, String suffix) {
    Path name = path.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(suffix.toLowerCase(Locale.ROOT))
        && name.toString().length() > suffix.length();
  }

  private static RequestPathException outside(String field, String value) {
    return new RequestPathException(quoted(field, value) + " is outside the allowed directories (" + WHERE + ")");
  }

  private static String quoted(String field, String value) {
    return "\"" + field + "\" '" + value + "'";
  }
}
