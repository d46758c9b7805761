package dev.parity.reports.skew;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.offline.engine.ParquetTables;
import dev.parity.offline.schema.SourceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Parquet files as one data set: a file, a directory (every data file below it) or a glob, named
 * as source paths are ({@link SourceFiles#resolve}). Files are read one after the other with the
 * offline engine's scanner. Immutable and thread-safe.
 */
public final class ParquetInput implements SkewInput {
  private final String location;
  private final List<Path> files;

  private ParquetInput(String location, List<Path> files) {
    this.location = location;
    this.files = List.copyOf(files);
  }

  /**
   * The files {@code location} names.
   *
   * @throws dev.parity.offline.MissingInputException if it names no file
   */
  public static ParquetInput of(String location) {
    requireNonNull(location, "location is null");
    return new ParquetInput(location, SourceFiles.resolve(location));
  }

  public List<Path> files() {
    return files;
  }

  /** The location as a real path where it exists (the CLI and the server then describe one file alike). */
  @Override
  public String description() {
    Path path = Path.of(location).toAbsolutePath().normalize();
    try {
      path = path.toRealPath();
    } catch (IOException | InvalidPathException e) {
      // a glob, or a file gone since: described as named
    }
    if (files.size() == 1 && Files.isRegularFile(path)) {
      return "Parquet file " + path;
    }
    return "Parquet " + (Files.isDirectory(path) ? "directory " : "files ") + path + " (" + files.size()
        + (files.size() == 1 ? " file)" : " files)");
  }

  /** The first file's readable columns. */
  @Override
  public Map<String, DataType> columns() {
    return ParquetTables.columns(files.get(0));
  }

  @Override
  public DatasetProfile profile(Map<String, DataType> columns, SkewOptions options, BufferAllocator allocator) {
    for (Path file : files) {
      Map<String, DataType> has = file.equals(files.get(0)) ? columns() : ParquetTables.columns(file);
      columns.forEach((column, type) -> {
        DataType found = has.get(column);
        if (found != type) {
          throw new SkewInputException("file " + file + (found == null ? " has no readable column " + column
              : " holds column " + column + " as " + found + ", not " + type) + "; the files of " + location
              + " must share the columns compared");
        }
      });
    }
    Profiler profiler = new Profiler(columns, options);
    List<String> names = new ArrayList<>(columns.keySet());
    try (BufferAllocator pass = allocator.newChildAllocator("skew-profile", 0, allocator.getLimit())) {
      for (Path file : files) {
        ParquetTables.scan(file, names, pass, options.batchRows(), profiler::add);
      }
    }
    return profiler.finish();
  }

  @Override
  public String toString() {
    return description();
  }
}
