package dev.parity.offline;

import static dev.parity.offline.Tables.MINUTE;
import static dev.parity.offline.Tables.T0;
import static dev.parity.offline.Tables.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.DataType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declared defaults in training sets: a feature's where no source row is in range (none, or only
 * older than the ttl), never where the row in range holds a null; an aggregation's wherever it
 * would be null; counts untouched.
 */
class DeclaredDefaultsTest {
  private static final long HOUR = 60 * MINUTE;
  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();

  @Test
  void fillsDefaultsExactlyWhereNoRowIsInRangeOrAnAggregationIsNull() throws Exception {
    Tables.parquet(dir.resolve("src/stats.parquet"), List.of(col("id", DataType.INT64), col("ts", DataType.TIMESTAMP),
        col("conv", DataType.FLOAT64), col("city", DataType.STRING), col("amount", DataType.INT64)),
        Tables.rows(
            new Object[] {1L, T0, 0.5, "a", 3L},
            new Object[] {2L, T0, null, null, null},
            new Object[] {3L, T0 - 2 * HOUR, 0.25, "c", 7L}),
        2);
    long t = T0 + 10 * MINUTE;
    List<Object[]> entities = new ArrayList<>();
    for (long id = 1; id <= 4; id++) {
      entities.add(new Object[] {id, t});
    }
    entities.add(new Object[] {1L, T0 - MINUTE}); // before its only row
    Tables.parquet(dir.resolve("entities.parquet"), List.of(col("id", DataType.INT64),
        col("event_timestamp", DataType.TIMESTAMP)), entities, 1000);
    List<ColumnSpec> keys = List.of(new ColumnSpec("id", DataType.INT64));
    OfflineSource source = OfflineSource.parquet(dir.resolve("src").toString(), "ts", Optional.empty());
    OfflineView features = new OfflineView("f", keys, source, Duration.ofHours(1), List.of(
        new OfflineFeature("conv", DataType.FLOAT64, Optional.empty(), Optional.of(-1.0)),
        new OfflineFeature("city", DataType.STRING, Optional.empty(), Optional.of("none")),
        OfflineFeature.column("amount", DataType.INT64)), List.of());
    Duration m30 = Duration.ofMinutes(30);
    OfflineView aggregations = new OfflineView("a", keys, source, Duration.ZERO, List.of(), List.of(
        new OfflineAggregation("amount_sum", AggregationFunction.SUM, Optional.of("amount"), Optional.empty(), m30,
            Optional.of(0L)),
        new OfflineAggregation("city_last", AggregationFunction.LAST, Optional.of("city"), Optional.empty(), m30,
            Optional.of("none")),
        OfflineAggregation.count("n", m30)));
    Path out = dir.resolve("out.parquet");
    OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp")).withPartitions(3))
        .buildTrainingSet(new TrainingSetRequest(EntityTable.parquet(dir.resolve("entities.parquet").toString()),
            List.of(features, aggregations), out, Optional.empty()), Progress.NONE);

    List<List<Object>> actual;
    try (Tables.Duck duck = new Tables.Duck()) {
      actual = duck.rows("SELECT * FROM read_parquet(" + Tables.literal(out) + ")");
    }
    OffsetDateTime at = OffsetDateTime.ofInstant(Tables.instant(t), ZoneOffset.UTC);
    OffsetDateTime before = OffsetDateTime.ofInstant(Tables.instant(T0 - MINUTE), ZoneOffset.UTC);
    assertThat(actual).containsExactly(
        // columns: id, event_timestamp, f__conv, f__city, f__amount, a__amount_sum, a__city_last, a__n
        Arrays.asList(1L, at, 0.5, "a", 3L, 3L, "a", 1L),
        // A row in range whose values are null: the features stay null; aggregations are never null.
        Arrays.asList(2L, at, null, null, null, 0L, "none", 1L),
        // Only a row older than the ttl: defaults; a feature without one stays null.
        Arrays.asList(3L, at, -1.0, "none", null, 0L, "none", 0L),
        // No row at all.
        Arrays.asList(4L, at, -1.0, "none", null, 0L, "none", 0L),
        // An entity time before the entity's first row.
        Arrays.asList(1L, before, -1.0, "none", null, 0L, "none", 0L));
  }

  @Test
  void refusesADefaultOfAnotherTypeThanItsFeature() {
    assertThatThrownBy(() -> new OfflineFeature("conv", DataType.FLOAT64, Optional.empty(), Optional.of(0L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("default of conv (0, a Long) is not a value of its type float64");
  }

  @Test
  void refusesADefaultOnACount() {
    assertThatThrownBy(() -> new OfflineAggregation("n", AggregationFunction.COUNT, Optional.empty(), Optional.empty(),
        Duration.ofHours(1), Optional.of(0L)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot have a default");
  }
}
