package dev.parity.reports.consistency;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.selection.SelectedFeature;
import dev.parity.offline.EntityTable;
import dev.parity.offline.OfflineException;
import dev.parity.offline.Progress;
import dev.parity.offline.engine.ParquetTables;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.features.TrainingSets;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import dev.parity.offline.work.WorkFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Computes features offline for served rows through the offline path's public API, never a second
 * implementation: the rows become a training set's entity table (join keys, {@code
 * event_timestamp} = the time asked, the logged request data), {@link TrainingSets#build} joins
 * it point in time, and the output's feature columns are read back in row order. Thread-safe.
 */
final class OfflineRecompute {
  private final TrainingSets trainingSets;
  private final BufferAllocator allocator;
  private final ConsistencyOptions options;

  OfflineRecompute(TrainingSets trainingSets, BufferAllocator allocator, ConsistencyOptions options) {
    this.trainingSets = requireNonNull(trainingSets, "training sets are null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.options = requireNonNull(options, "options are null");
  }

  /**
   * The offline value of each of {@code features} for each of {@code rows} at {@code
   * timesMicros[i]}: {@code result[feature][row]}.
   *
   * @throws OfflineException for the offline path's failures (missing sources...)
   */
  Object[][] compute(FeatureRepository repository, List<SelectedFeature> features, ServedRows layout,
      List<ServedRow> rows, long[] timesMicros) {
    Object[][] values = new Object[features.size()][rows.size()];
    if (rows.isEmpty() || features.isEmpty()) {
      return values;
    }
    WorkFolder folder;
    try {
      folder = WorkFolder.claim(options.temporaryDirectory(), "parity-consistency-");
    } catch (IOException e) {
      throw new OfflineException(options.temporaryDirectory(), "cannot create a temporary directory: " + e.getMessage(), e);
    }
    try (folder) {
      Path entities = folder.path().resolve("entities.parquet");
      Path output = folder.path().resolve("recomputed.parquet");
      writeEntities(entities, layout, rows, timesMicros);
      trainingSets.build(repository, TrainingSetSpec.of(FeatureSelector.features(
          features.stream().map(f -> f.ref().requestForm()).toList()), entities, output), Progress.NONE);
      List<String> columns = features.stream().map(f -> f.outputName(true)).toList();
      int[] next = {0};
      try (BufferAllocator read = allocator.newChildAllocator("consistency-read", 0, allocator.getLimit())) {
        ParquetTables.scan(output, columns, read, options.batchRows(), batch -> {
          int n = batch.getRowCount();
          for (int f = 0; f < columns.size(); f++) {
            var vector = batch.getVector(columns.get(f));
            for (int r = 0; r < n; r++) {
              values[f][next[0] + r] = ArrowValues.get(vector, r);
            }
          }
          next[0] += n;
        });
      }
      if (next[0] != rows.size()) {
        throw new IllegalStateException("the recomputed training set has " + next[0] + " rows for " + rows.size()
            + " entity rows");
      }
      return values;
    } catch (UncheckedIOException e) {
      throw new OfflineException(options.temporaryDirectory(), "cannot remove a temporary directory: "
          + e.getCause().getMessage(), e);
    }
  }

  private static void writeEntities(Path target, ServedRows layout, List<ServedRow> rows, long[] timesMicros) {
    List<Column> columns = new ArrayList<>();
    for (int k = 0; k < layout.keyNames().size(); k++) {
      columns.add(Column.required(layout.keyNames().get(k), layout.keyTypes().get(k)));
    }
    columns.add(Column.required(EntityTable.EVENT_TIMESTAMP, DataType.TIMESTAMP));
    for (int i = 0; i < layout.fieldNames().size(); i++) {
      columns.add(Column.optional(layout.fieldNames().get(i), layout.fieldTypes().get(i)));
    }
    try (RowWriter writer = ParquetFiles.create(target, columns, ParquetWriteOptions.defaults())) {
      for (int r = 0; r < rows.size(); r++) {
        ServedRow row = rows.get(r);
        int c = 0;
        for (int k = 0; k < row.keys().length; k++) {
          writer.setValue(c++, row.keys()[k]);
        }
        writer.setTimestampMicros(c++, timesMicros[r]);
        for (int i = 0; i < row.requestData().length; i++) {
          writer.setValue(c++, row.requestData()[i]);
        }
        writer.endRow();
      }
      writer.commit();
    }
  }
}
