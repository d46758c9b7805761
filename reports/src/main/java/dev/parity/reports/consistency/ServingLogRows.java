package dev.parity.reports.consistency;

import dev.parity.definitions.DataType;
import dev.parity.offline.engine.ParquetTables;
import dev.parity.online.FeatureValue.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
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
   * @throws ConsistencyInputException if there is no such directory, a file lacks a join key or
   *     holds it with another type, or no row falls in the range
   */
  static ServedRows read(Path directory, ServedLayout layout, List<FeatureDependencies> features, Instant from,
      Instant to, BufferAllocator allocator, int batchRows) {
    if (!Files.isDirectory(directory)) {
      throw new ConsistencyInputException("there is no serving log at " + directory);
    }
    List<ServedRow> rows = new ArrayList<>();
    long fromMicros = micros(from);
    long toMicros = micros(to);
    for (Path file : files(directory, from, to)) {
      readFile(file, layout, features, fromMicros, toMicros, allocator, batchRows, rows);
    }
    if (rows.isEmpty()) {
      throw new ConsistencyInputException("the serving log at " + directory + " has no request in [" + from + ", " + to
          + ")");
    }
    return layout.rows(rows);
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  /** The published files of the dates of {@code [from, to)}, in path order. */
  private static List<Path> files(Path directory, Instant from, Instant to) {
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
          .filter(p -> {
            String parent = p.getParent().getFileName().toString();
            if (!parent.startsWith("date=")) {
              return true;
            }
            try {
              LocalDate date = LocalDate.parse(parent.substring("date=".length()));
              return !date.isBefore(first) && !date.isAfter(last);
            } catch (DateTimeParseException e) {
              return true;
            }
          })
          .sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw new ConsistencyInputException("cannot list the serving log at " + directory + ": " + e.getMessage());
    }
  }

  private static void readFile(Path file, ServedLayout layout, List<FeatureDependencies> features, long fromMicros,
      long toMicros, BufferAllocator allocator, int batchRows, List<ServedRow> rows) {
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
      boolean[] comparable, long fromMicros, long toMicros, List<ServedRow> rows) {
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
