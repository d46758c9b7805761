package dev.parity.reports.skew;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.offline.engine.ParquetTables;
import dev.parity.reports.ServingLogFiles;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The requests a service's serving log holds for a range of request times {@code [from, to)}: the
 * files of the dates the range touches ({@link ServingLogFiles}), each row kept if its {@code
 * request_time} is in the range. A feature's column holds the value served (a declared default
 * included), null when none was, so the null rate compares how often a value was missing.
 * Every file read must hold the compared columns (a range that spans a change of the service's
 * features is refused, naming the file). Immutable and thread-safe.
 */
public final class ServingLogInput implements SkewInput {
  static final String REQUEST_TIME = "request_time";
  private final Path directory;
  private final Instant from;
  private final Instant to;
  private final List<Path> files;

  private ServingLogInput(Path directory, Instant from, Instant to, List<Path> files) {
    this.directory = directory;
    this.from = from;
    this.to = to;
    this.files = List.copyOf(files);
  }

  /**
   * The serving log at {@code directory} over {@code [from, to)}: the files of the range's dates
   * whose request times (by their footers' statistics, without reading data) may fall in it.
   *
   * @throws IllegalArgumentException if {@code from} is not before {@code to}
   * @throws SkewInputException if there is no log there, or no request in the range: no file for
   *     the range's dates, or none whose request times reach into it
   */
  public static ServingLogInput of(Path directory, Instant from, Instant to) {
    requireNonNull(directory, "directory is null");
    if (!requireNonNull(from, "from is null").isBefore(requireNonNull(to, "to is null"))) {
      throw new IllegalArgumentException("the range's start " + from + " is not before its end " + to);
    }
    if (!Files.isDirectory(directory)) {
      throw new SkewInputException("there is no serving log at " + directory + " (has the server logged this service?)");
    }
    List<Path> dated;
    try {
      dated = ServingLogFiles.between(directory, from, to);
    } catch (UncheckedIOException e) {
      throw new SkewInputException("cannot list the serving log at " + directory + ": " + e.getMessage());
    }
    String range = "[" + from + ", " + to + ")";
    if (dated.isEmpty()) {
      throw new SkewInputException("the serving log range " + range + " is empty: the serving log at " + directory
          + " has no file for its dates");
    }
    long fromMicros = micros(from);
    long toMicros = micros(to);
    long earliest = Long.MAX_VALUE;
    long latest = Long.MIN_VALUE;
    List<Path> files = new ArrayList<>();
    for (Path file : dated) {
      Optional<long[]> bounds = ParquetTables.timeBounds(file, REQUEST_TIME);
      if (bounds.isEmpty()) {
        files.add(file); // no statistics: read it, the rows are filtered anyway
      } else if (bounds.get()[0] <= bounds.get()[1]) {
        earliest = Math.min(earliest, bounds.get()[0]);
        latest = Math.max(latest, bounds.get()[1]);
        if (bounds.get()[0] < toMicros && bounds.get()[1] >= fromMicros) {
          files.add(file);
        }
      }
    }
    if (files.isEmpty()) {
      throw new SkewInputException("the serving log range " + range + " is empty: no request of the serving log at "
          + directory + " falls in it" + (earliest <= latest ? " (the files of those dates hold requests from "
          + instant(earliest) + " to " + instant(latest) + ")" : ""));
    }
    return new ServingLogInput(directory.toAbsolutePath().normalize(), from, to, files);
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  public Instant from() {
    return from;
  }

  public Instant to() {
    return to;
  }

  @Override
  public String description() {
    return "serving log " + directory + ", requests in [" + from + ", " + to + ")";
  }

  /** The first file's readable columns but the log's request time. */
  @Override
  public Map<String, DataType> columns() {
    Map<String, DataType> columns = new LinkedHashMap<>(ParquetTables.columns(files.get(0)));
    columns.remove(REQUEST_TIME);
    return columns;
  }

  @Override
  public DatasetProfile profile(Map<String, DataType> columns, SkewOptions options, BufferAllocator allocator) {
    Profiler profiler = new Profiler(columns, options);
    List<String> names = new ArrayList<>(columns.keySet());
    names.add(REQUEST_TIME);
    long fromMicros = micros(from);
    long toMicros = micros(to);
    int[] selected = new int[options.batchRows()];
    try (BufferAllocator pass = allocator.newChildAllocator("skew-serving-log", 0, allocator.getLimit())) {
      for (Path file : files) {
        Map<String, DataType> has = ParquetTables.columns(file);
        if (has.get(REQUEST_TIME) != DataType.TIMESTAMP) {
          throw new SkewInputException("serving log file " + file + " has no " + REQUEST_TIME + " timestamp column");
        }
        columns.forEach((column, type) -> {
          if (has.get(column) != type) {
            throw new SkewInputException("serving log file " + file + (has.get(column) == null
                ? " has no column " + column : " holds column " + column + " as " + has.get(column) + ", not " + type)
                + "; narrow the range to the requests of one version of the service");
          }
        });
        ParquetTables.scan(file, names, pass, options.batchRows(), batch -> {
          int n = inRange(batch, fromMicros, toMicros, selected);
          if (n > 0) {
            profiler.add(batch, n, n == batch.getRowCount() ? null : selected);
          }
        });
      }
    }
    return profiler.finish();
  }

  /** Writes the rows of {@code batch} whose request time is in range into {@code selected}; returns how many. */
  private static int inRange(VectorSchemaRoot batch, long fromMicros, long toMicros, int[] selected) {
    FieldVector vector = batch.getVector(REQUEST_TIME);
    ArrowBuf data = ((TimeStampVector) vector).getDataBuffer();
    ArrowBuf validity = vector.getValidityBuffer();
    boolean noNulls = vector.getNullCount() == 0;
    int n = 0;
    for (int row = 0; row < batch.getRowCount(); row++) {
      if (!noNulls && BitVectorHelper.get(validity, row) == 0) {
        continue;
      }
      long micros = data.getLong((long) row * Long.BYTES);
      if (micros >= fromMicros && micros < toMicros) {
        selected[n++] = row;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return description();
  }
}
