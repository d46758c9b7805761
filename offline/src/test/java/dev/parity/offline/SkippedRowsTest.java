package dev.parity.offline;

import static dev.parity.offline.Tables.MINUTE;
import static dev.parity.offline.Tables.T0;
import static dev.parity.offline.Tables.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FutureTimeLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.parity.offline.engine.TestVectors;

/**
 * Source rows beyond the future-time limit and rows with a null key are left out of training sets
 * and latest values alike, and counted.
 */
class SkippedRowsTest {
  /** now = T0 + 10m, skew 5m: times after T0 + 15m are beyond the limit. */
  private static final FutureTimeLimit LIMIT = new FutureTimeLimit(Tables.instant(T0 + 10 * MINUTE), Duration.ofMinutes(5));
  private static final long T = T0 + 30 * MINUTE;
  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();
  private OfflineView view;

  @BeforeEach
  void open() {
    Tables.parquet(dir.resolve("src/stats.parquet"), List.of(col("id", DataType.INT64), col("ts", DataType.TIMESTAMP),
        col("created", DataType.TIMESTAMP), col("conv", DataType.FLOAT64)), Tables.rows(
            new Object[] {1L, T0, T0, 0.1},
            new Object[] {1L, T0 + 10 * MINUTE, T0 + 10 * MINUTE, 0.2},
            new Object[] {1L, T0 + 20 * MINUTE, null, 0.9}, // event time beyond the limit
            new Object[] {2L, T0 + 5 * MINUTE, T0 + 5 * MINUTE, 0.3},
            new Object[] {2L, T0 + 6 * MINUTE, T0 + 16 * MINUTE, 0.8}, // created time beyond the limit
            new Object[] {null, T0 + 5 * MINUTE, T0 + 5 * MINUTE, 0.7}, // a null key
            new Object[] {3L, T0 + 15 * MINUTE, T0 + 15 * MINUTE, 0.4}), // exactly at the limit: kept
        3);
    view = new OfflineView("stats", List.of(new ColumnSpec("id", DataType.INT64)),
        OfflineSource.parquet(dir.resolve("src").toString(), "ts", Optional.of("created")), Duration.ZERO,
        List.of(OfflineFeature.column("conv", DataType.FLOAT64)), List.of());
  }

  private OfflineEngine engine() {
    return OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp")).withPartitions(2));
  }

  @Test
  void aTrainingSetIgnoresRowsBeyondTheLimitAndCountsThemWithTheNullKeyRows() throws Exception {
    Tables.parquet(dir.resolve("entities.parquet"), List.of(col("id", DataType.INT64), col("event_timestamp",
        DataType.TIMESTAMP)), Tables.rows(new Object[] {1L, T}, new Object[] {2L, T}, new Object[] {3L, T}), 10);
    Path out = dir.resolve("out.parquet");
    TrainingSetResult result = engine().buildTrainingSet(new TrainingSetRequest(
        EntityTable.parquet(dir.resolve("entities.parquet").toString()), List.of(view), out, Optional.empty(),
        Optional.of(LIMIT)), Progress.NONE);
    assertThat(result.skipped()).containsExactly(Map.entry("stats", new SkippedRows(2, 1)));
    Map<Long, Object> values = new HashMap<>();
    try (Tables.Duck duck = new Tables.Duck()) {
      duck.rows("SELECT id, stats__conv FROM read_parquet(" + Tables.literal(out) + ")")
          .forEach(row -> values.put((Long) row.get(0), row.get(1)));
    }
    assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 0.2, 2L, 0.3, 3L, 0.4));
  }

  @Test
  void withoutALimitTheFutureRowsWinAsBefore() {
    Map<Long, Object> values = new HashMap<>();
    SkippedRows skipped = engine().latestValues(new LatestValuesRequest(view, Tables.instant(T), Optional.empty(),
        Optional.empty()), batch -> collect(batch, values), Progress.NONE);
    assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 0.9, 2L, 0.8, 3L, 0.4));
    assertThat(skipped).isEqualTo(new SkippedRows(0, 1));
  }

  @Test
  void latestValuesSkipRowsBeyondTheLimitAndCountThem() {
    Map<Long, Object> values = new HashMap<>();
    SkippedRows skipped = engine().latestValues(new LatestValuesRequest(view, Tables.instant(T), Optional.empty(),
        Optional.empty(), Optional.of(LIMIT)), batch -> collect(batch, values), Progress.NONE);
    assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 0.2, 2L, 0.3, 3L, 0.4));
    assertThat(skipped).isEqualTo(new SkippedRows(2, 1));
  }

  @Test
  void countsOnlyRowsInTheRangeTheRunReads() {
    // At T0 + 12m the event time beyond the limit is after T as well: left out by the point-in-time
    // rule, not counted; the created time beyond the limit still is.
    Map<Long, Object> values = new HashMap<>();
    SkippedRows skipped = engine().latestValues(new LatestValuesRequest(view, Tables.instant(T0 + 12 * MINUTE),
        Optional.empty(), Optional.empty(), Optional.of(LIMIT)), batch -> collect(batch, values), Progress.NONE);
    assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 0.2, 2L, 0.3));
    assertThat(skipped).isEqualTo(new SkippedRows(1, 1));
  }

  private static void collect(org.apache.arrow.vector.VectorSchemaRoot batch, Map<Long, Object> values) {
    for (int i = 0; i < batch.getRowCount(); i++) {
      values.put((Long) TestVectors.get(batch.getVector("id"), i), TestVectors.get(batch.getVector("conv"), i));
    }
  }
}
