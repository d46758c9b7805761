package dev.parity.reports.consistency;

import dev.parity.definitions.DataType;
import dev.parity.reports.ServingLogFiles;
import dev.parity.offline.engine.ParquetTables;
import dev.parity.online.FeatureValue.Status;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads a service's serving log (the Parquet files the server writes under {@code
 * serving_log/<service>/date=YYYY-MM-DD/}) for a range of request times into {@link ServedRows}.
 * Files of other versions of the service may lack a feature (its rows are not compared for it) or
 * the request data an on-demand feature reads (files written before request data was logged: not
 * compared for it either). Only the date directories the range touches are read.
 */
final class ServingLogRows {
  private ServingLogRows() {}

  /**
   * Reads the rows of {@code [from, to)} into {@code chunks}, at most {@code chunkRows} rows at a
   * time, in file order; returns how many there were.
   *
   * @throws ConsistencyInputException if there is no such directory, a file lacks a join key or
   *     holds it with another type, or no row falls in the range
   */
  static long read(Path directory, ServedLayout layout, List<FeatureDependencies> features, Instant from,
      Instant to, BufferAllocator allocator, int batchRows, int chunkRows, Consumer<ServedRows> chunks) {
    if (!Files.isDirectory(directory)) {
      throw new ConsistencyInputException("there is no serving log at " + directory);
    }
    Chunks rows = new Chunks(layout, chunkRows, chunks);
    long fromMicros = micros(from);
    long toMicros = micros(to);
    for (Path file : files(directory, from, to)) {
      readFile(file, layout, features, fromMicros, toMicros, allocator, batchRows, rows);
    }
    rows.flush();
    if (rows.total == 0) {
      throw new ConsistencyInputException("the serving log at " + directory + " has no request in [" + from + ", " + to
          + ")");
    }
    return rows.total;
  }

  /** Rows collected until a chunk is full, then handed over and dropped. */
  private static final class Chunks {
    private final ServedLayout layout;
    private final int chunkRows;
    private final Consumer<ServedRows> sink;
    private final List<ServedRow> rows = new ArrayList<>();
    private long total;

    Chunks(ServedLayout layout, int chunkRows, Consumer<ServedRows> sink) {
      this.layout = layout;
      this.chunkRows = chunkRows;
      this.sink = sink;
    }

    void add(ServedRow row) {
      rows.add(row);
      total++;
      if (rows.size() >= chunkRows) {
        flush();
      }
    }

    void flush() {
      if (!rows.isEmpty()) {
        ServedRows chunk = layout.rows(rows);
        rows.clear();
        sink.accept(chunk);
      }
    }
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  /** The published files of the dates of {@code [from, to)}, in path order. */
  private static List<Path> files(Path directory, Instant from, Instant to) {
    try {
      return ServingLogFiles.between(directory, from, to);
    } catch (UncheckedIOException e) {
      throw new ConsistencyInputException("cannot list the serving log at " + directory + ": " + e.getMessage());
    }
  }

  private static void readFile(Path file, ServedLayout layout, List<FeatureDependencies> features, long fromMicros,
      long toMicros, BufferAllocator allocator, int batchRows, Chunks rows) {
    Map<String, DataType> has = ParquetTables.columns(file);
    Set<String> names = new LinkedHashSet<>();
    require(has, file, "request_time", DataType.TIMESTAMP);
    names.add("request_time");
    layout.keys().forEach((key, type) -> {
      require(has, file, key, type);
      names.add(key);
    });
    layout.fields().forEach((field, type) -> {
      if (has.get(field) == type) {
        names.add(field);
      }
    });
    int n = features.size();
    boolean[] comparable = new boolean[n];
    for (int f = 0; f < n; f++) {
      FeatureDependencies feature = features.get(f);
      String column = feature.feature().outputName(true);
      comparable[f] = has.get(column) == feature.feature().type() && has.get(column + "__status") == DataType.STRING
          && feature.requestFields().stream().allMatch(names::contains);
      if (comparable[f]) {
        names.add(column);
        names.add(column + "__status");
        feature.versions().keySet().stream().map(v -> v + "__view_version")
            .filter(c -> has.get(c) == DataType.STRING).forEach(names::add);
      }
    }
    List<String> columns = List.copyOf(names);
    try (BufferAllocator pass = allocator.newChildAllocator("consistency-log", 0, allocator.getLimit())) {
      ParquetTables.scan(file, columns, pass, batchRows, batch -> add(batch, layout, features, comparable, fromMicros,
          toMicros, rows));
    }
  }

  private static void add(VectorSchemaRoot batch, ServedLayout layout, List<FeatureDependencies> features,
      boolean[] comparable, long fromMicros, long toMicros, Chunks rows) {
    FieldVector time = batch.getVector("request_time");
    for (int r = 0; r < batch.getRowCount(); r++) {
      long micros = (Long) ArrowValues.get(time, r);
      if (micros < fromMicros || micros >= toMicros) {
        continue;
      }
      int row = r;
      Object[] keys = layout.keys().keySet().stream().map(k -> ArrowValues.get(batch.getVector(k), row)).toArray();
      Object[] data = layout.fields().keySet().stream()
          .map(field -> batch.getVector(field) == null ? null : ArrowValues.get(batch.getVector(field), row)).toArray();
      int n = features.size();
      Object[] online = new Object[n];
      Status[] status = new Status[n];
      boolean[] versionDiffers = new boolean[n];
      for (int f = 0; f < n; f++) {
        if (!comparable[f]) {
          continue;
        }
        FeatureDependencies feature = features.get(f);
        String column = feature.feature().outputName(true);
        status[f] = Status.valueOf((String) ArrowValues.get(batch.getVector(column + "__status"), row));
        // PRESENT values, and declared defaults served with NOT_FOUND or OUTSIDE_MAX_AGE.
        online[f] = ArrowValues.get(batch.getVector(column), row);
        for (Map.Entry<String, String> version : feature.versions().entrySet()) {
          FieldVector logged = batch.getVector(version.getKey() + "__view_version");
          if (logged != null && !Objects.equals(ArrowValues.get(logged, row), version.getValue())) {
            versionDiffers[f] = true;
          }
        }
        versionDiffers[f] |= status[f] == Status.VERSION_MISMATCH;
      }
      rows.add(new ServedRow(keys, micros, data, online, status, versionDiffers));
    }
  }

  private static void require(Map<String, DataType> has, Path file, String column, DataType type) {
    DataType found = has.get(column);
    if (found != type) {
      throw new ConsistencyInputException("serving log file " + file + (found == null ? " has no column " + column
          : " holds column " + column + " as " + found + ", not " + type));
    }
  }
}
