package dev.parity.offline.spark;

import static dev.parity.offline.spark.Fixtures.MINUTE;
import static dev.parity.offline.spark.Fixtures.T0;
import static dev.parity.offline.spark.Fixtures.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parity.definitions.DataType;
import dev.parity.definitions.SourceFormat;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.EntityTable;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineException;
import dev.parity.offline.OfflineFeature;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.OfflineSource;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;
import dev.parity.offline.TrainingSetRequest;
import dev.parity.offline.parquet.write.Column;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs fail on Spark as on the embedded engine, and leave an earlier output untouched. */
class SparkInputErrorsTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();
  @TempDir Path dir;


  private OfflineView view() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {1L, T0, 0.5});
    Fixtures.parquet(dir.resolve("source.parquet"), List.of(col("driver_id", DataType.INT64),
        col("ts", DataType.TIMESTAMP), col("rate", DataType.FLOAT64)), rows, 10);
    return new OfflineView("stats", List.of(new ColumnSpec("driver_id", DataType.INT64)),
        OfflineSource.parquet(dir.resolve("source.parquet").toString(), "ts", Optional.empty()), Duration.ZERO,
        List.of(OfflineFeature.column("rate", DataType.FLOAT64)), List.of());
  }

  private void entities(String file, Long... keys) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      rows.add(new Object[] {keys[i], T0 + i * MINUTE});
    }
    List<Column> columns = List.of(col("driver_id", DataType.INT64), col("event_timestamp", DataType.TIMESTAMP));
    Fixtures.parquet(dir.resolve(file), columns, rows, 2);
  }

  private TrainingSetRequest request(String entities, String output) {
    return new TrainingSetRequest(EntityTable.parquet(dir.resolve(entities).toString()), List.of(view()),
        dir.resolve(output), Optional.empty());
  }

  @Test
  void aNullEntityKeyIsTheEmbeddedEnginesErrorNamingFileRowAndColumn() {
    entities("bad/0.parquet", 1L, 2L);
    entities("bad/1.parquet", 1L, 2L, null, 4L);
    InputSchemaException embedded;
    try (BufferAllocator allocator = new RootAllocator()) {
      embedded = catchThrowableOfType(InputSchemaException.class, () -> OfflineEngine.embedded(allocator,
          OfflineOptions.defaults(dir.resolve("tmp"))).buildTrainingSet(request("bad", "e.parquet"), Progress.NONE));
    }
    InputSchemaException onSpark = catchThrowableOfType(InputSchemaException.class, () ->
        new SparkOfflineEngine(SPARK.session(), SparkEngineOptions.defaults()).buildTrainingSet(request("bad", "s"), Progress.NONE));
    assertThat(onSpark.getMessage()).isEqualTo(embedded.getMessage()).contains("row 3", "1.parquet", "driver_id");
  }

  @Test
  void aFailedRunLeavesTheEarlierOutputUntouched() {
    entities("good.parquet", 1L, 2L);
    SparkOfflineEngine engine = new SparkOfflineEngine(SPARK.session(), SparkEngineOptions.defaults());
    engine.buildTrainingSet(request("good.parquet", "out"), Progress.NONE);
    List<List<Object>> before = Fixtures.read(dir.resolve("out"));
    entities("bad.parquet", 1L, null);
    assertThatThrownBy(() -> engine.buildTrainingSet(request("bad.parquet", "out"), Progress.NONE))
        .isInstanceOf(InputSchemaException.class);
    assertThat(Fixtures.read(dir.resolve("out"))).isEqualTo(before);
    assertThat(before).hasSize(3);
    assertThat(before.get(1)).containsExactly("1", String.valueOf(T0), "0.5");
  }

  @Test
  void aCsvEntityTableIsRefusedNamingItsFileAndTheReason() throws Exception {
    Files.writeString(dir.resolve("e.csv"), "driver_id,event_timestamp\n1,2024-01-01T00:00:00Z\n");
    TrainingSetRequest csv = new TrainingSetRequest(EntityTable.csv(dir.resolve("e.csv").toString(),
        List.of(new ColumnSpec("driver_id", DataType.INT64), new ColumnSpec("event_timestamp", DataType.TIMESTAMP))),
        List.of(view()), dir.resolve("out"), Optional.empty());
    OfflineException e = catchThrowableOfType(OfflineException.class, () ->
        new SparkOfflineEngine(SPARK.session(), SparkEngineOptions.defaults()).buildTrainingSet(csv, Progress.NONE));
    assertThat(e.file()).contains(dir.resolve("e.csv").toAbsolutePath().normalize());
    assertThat(e.getMessage()).contains("the entity table is CSV, and the Spark engine reads Parquet only");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aCsvSourceIsRefusedNamingItsFileTheViewAndTheReason() throws Exception {
    entities("good.parquet", 1L);
    Files.createDirectories(dir.resolve("csv"));
    Files.writeString(dir.resolve("csv/b.csv"), "driver_id,ts,rate\n1,2024-01-01T00:00:00Z,0.5\n");
    Files.writeString(dir.resolve("csv/a.csv"), "driver_id,ts,rate\n2,2024-01-01T00:00:00Z,0.5\n");
    List<ColumnSpec> columns = List.of(new ColumnSpec("driver_id", DataType.INT64),
        new ColumnSpec("ts", DataType.TIMESTAMP), new ColumnSpec("rate", DataType.FLOAT64));
    OfflineView csv = new OfflineView("stats", List.of(new ColumnSpec("driver_id", DataType.INT64)),
        new OfflineSource(SourceFormat.CSV, dir.resolve("csv").toString(), "ts", Optional.empty(), columns),
        Duration.ZERO, List.of(OfflineFeature.column("rate", DataType.FLOAT64)), List.of());
    TrainingSetRequest request = new TrainingSetRequest(EntityTable.parquet(dir.resolve("good.parquet").toString()),
        List.of(csv), dir.resolve("out"), Optional.empty());
    OfflineException e = catchThrowableOfType(OfflineException.class, () ->
        new SparkOfflineEngine(SPARK.session(), SparkEngineOptions.defaults()).buildTrainingSet(request, Progress.NONE));
    assertThat(e.file()).contains(dir.resolve("csv/a.csv"));
    assertThat(e.getMessage()).contains("the source of view stats is CSV, and the Spark engine reads Parquet only");
  }

  @Test
  void aMissingSourceColumnNamesTheFileAndColumn() {
    entities("good.parquet", 1L);
    OfflineView wrong = new OfflineView("stats", List.of(new ColumnSpec("driver_id", DataType.INT64)),
        OfflineSource.parquet(view().source().location(), "ts", Optional.empty()), Duration.ZERO,
        List.of(OfflineFeature.column("speed", DataType.FLOAT64)), List.of());
    TrainingSetRequest request = new TrainingSetRequest(EntityTable.parquet(dir.resolve("good.parquet").toString()),
        List.of(wrong), dir.resolve("out"), Optional.empty());
    InputSchemaException e = catchThrowableOfType(InputSchemaException.class, () ->
        new SparkOfflineEngine(SPARK.session(), SparkEngineOptions.defaults()).buildTrainingSet(request, Progress.NONE));
    assertThat(e.column()).contains("speed");
    assertThat(e.getMessage()).contains("source.parquet");
  }
}
