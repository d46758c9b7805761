package dev.parity.offline.spark;

import static dev.parity.offline.spark.Fixtures.MINUTE;
import static dev.parity.offline.spark.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parity.definitions.DataType;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.EntityTable;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineException;
import dev.parity.offline.OfflineFeature;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.OfflineSource;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;
import dev.parity.offline.TrainingSetRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet types the embedded engine reads and widens (int8 to int32 and float32 columns,
 * millisecond timestamps, a column int32 in one file and int64 in the next) give the same cells on
 * Spark; nanosecond timestamps, which Spark 4 does not read, are refused naming the file and the
 * column.
 */
class SparkInputTypesTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();
  @TempDir Path dir;


  private static final String NARROW = "message s { optional int32 driver_id (INTEGER(32,true)); "
      + "optional int64 ts (TIMESTAMP(MILLIS,true)); optional float rate; optional int32 trips (INTEGER(16,true)); }";
  private static final String WIDE = "message s { optional int64 driver_id; optional int64 ts (TIMESTAMP(MICROS,true)); "
      + "optional double rate; optional int64 trips; }";

  /** Rows {@code (driver_id, ts micros, rate, trips)} in a file of {@code schema}. */
  private static void write(Path file, String schema, long[][] rows) throws IOException {
    Files.createDirectories(file.getParent());
    MessageType type = MessageTypeParser.parseMessageType(schema);
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    boolean narrow = schema.contains("int32 driver_id");
    boolean nanos = schema.contains("NANOS");
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(type)
        .withConf(new PlainParquetConfiguration()).build()) {
      for (long[] row : rows) {
        Group g = groups.newGroup();
        if (narrow) {
          g.add(0, (int) row[0]);
          g.add(1, row[1] / 1000);
          g.add(2, (float) row[2] / 4);
          g.add(3, (int) row[3]);
        } else {
          g.add(0, row[0]);
          g.add(1, nanos ? row[1] * 1000 : row[1]);
          g.add(2, (double) row[2] / 4);
          g.add(3, row[3]);
        }
        writer.write(g);
      }
    }
  }

  private OfflineView view(String location) {
    return new OfflineView("stats", List.of(new ColumnSpec("driver_id", DataType.INT64)),
        OfflineSource.parquet(location, "ts", Optional.empty()), Duration.ofMinutes(30),
        List.of(OfflineFeature.column("rate", DataType.FLOAT64), OfflineFeature.column("trips", DataType.INT64)),
        List.of());
  }

  @Test
  void narrowIntegersFloatsAndMillisecondTimesAcrossFilesGiveTheEmbeddedEnginesCells() throws Exception {
    // The narrow file first: its schema is the one Spark would take for the whole source.
    write(dir.resolve("src/a.parquet"), NARROW, new long[][] {{1, T0, 1, 3}, {2, T0 + MINUTE, 2, 4}, {1, T0 + 9 * MINUTE, 3, 5}});
    write(dir.resolve("src/b.parquet"), WIDE, new long[][] {{2, T0 + 5 * MINUTE, 5, 1L << 40}, {3, T0, 7, -2}});
    write(dir.resolve("ent/0.parquet"), NARROW.replace(" ts ", " event_timestamp "),
        new long[][] {{1, T0 + 10 * MINUTE, 0, 0}, {2, T0 + 6 * MINUTE, 0, 0}, {3, T0 + 40 * MINUTE, 0, 0}, {4, T0, 0, 0}});
    write(dir.resolve("ent/1.parquet"), WIDE.replace(" ts ", " event_timestamp "),
        new long[][] {{2, T0 + 2 * MINUTE, 0, 0}, {1, T0, 0, 0}});
    EntityTable entities = EntityTable.parquet(dir.resolve("ent").toString());
    List<OfflineView> views = List.of(view(dir.resolve("src").toString()));
    Path embedded = dir.resolve("embedded.parquet");
    try (BufferAllocator allocator = new RootAllocator()) {
      OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp"))).buildTrainingSet(
          new TrainingSetRequest(entities, views, embedded, Optional.empty()), Progress.NONE);
    }
    Path onSpark = dir.resolve("spark");
    new SparkOfflineEngine(SPARK.session(), SparkEngineOptions.defaults()).buildTrainingSet(
        new TrainingSetRequest(entities, views, onSpark, Optional.empty()), Progress.NONE);
    SameCells.assertSameCells(embedded, onSpark);
    List<List<Object>> rows = Fixtures.read(onSpark);
    assertThat(rows.get(1)).endsWith("0.75", "5");
    assertThat(rows.get(2)).endsWith("1.25", String.valueOf(1L << 40));
  }

  @Test
  void nanosecondTimestampsAreRefusedNamingTheFileAndColumn() throws Exception {
    write(dir.resolve("src/a.parquet"), WIDE, new long[][] {{1, T0, 1, 3}});
    write(dir.resolve("src/b.parquet"), WIDE.replace("MICROS", "NANOS"), new long[][] {{1, T0, 1, 3}});
    write(dir.resolve("ent.parquet"), WIDE.replace(" ts ", " event_timestamp "), new long[][] {{1, T0, 0, 0}});
    OfflineException e = catchThrowableOfType(OfflineException.class, () ->
        new SparkOfflineEngine(SPARK.session(), SparkEngineOptions.defaults()).buildTrainingSet(new TrainingSetRequest(
            EntityTable.parquet(dir.resolve("ent.parquet").toString()), List.of(view(dir.resolve("src").toString())),
            dir.resolve("out"), Optional.empty()), Progress.NONE));
    assertThat(e.file()).contains(dir.resolve("src/b.parquet"));
    assertThat(e.getMessage()).contains("column ts", "TIMESTAMP(NANOS");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
