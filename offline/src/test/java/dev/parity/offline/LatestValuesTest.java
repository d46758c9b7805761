package dev.parity.offline;

import static dev.parity.offline.Tables.MINUTE;
import static dev.parity.offline.Tables.T0;
import static dev.parity.offline.Tables.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.parity.offline.engine.TestVectors;

/** Latest values equal what a training set gives every entity at T = end. */
class LatestValuesTest {
  private static final Instant T_END = Instant.ofEpochSecond(0).plusNanos(1_000 * (T0 + 300 * MINUTE));
  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();
  private final List<Object[]> rows = new ArrayList<>();
  private OfflineView view;

  @BeforeEach
  void open() {
    Random random = new Random(11);
    for (int i = 0; i < 800; i++) {
      long ts = T0 + random.nextInt(300) * MINUTE;
      rows.add(new Object[] {(long) random.nextInt(60), ts, random.nextBoolean() ? null : ts + random.nextInt(3) * MINUTE,
          random.nextInt(5) == 0 ? null : random.nextDouble(), random.nextInt(5) == 0 ? null : "c" + random.nextInt(9)});
    }
    Tables.parquet(dir.resolve("src/stats.parquet"), List.of(col("id", DataType.INT64), col("ts", DataType.TIMESTAMP),
        col("created", DataType.TIMESTAMP), col("conv", DataType.FLOAT64), col("city", DataType.STRING)), rows, 97);
    view = new OfflineView("stats", List.of(new ColumnSpec("id", DataType.INT64)),
        OfflineSource.parquet(dir.resolve("src").toString(), "ts", Optional.of("created")), Duration.ofMinutes(45),
        List.of(OfflineFeature.column("conv", DataType.FLOAT64), OfflineFeature.column("city", DataType.STRING)),
        List.of(OfflineAggregation.count("n_30m", Duration.ofMinutes(30))));
  }

  @Test
  void anInterruptedCallerWaitsForTheWorkersSoThatNoBufferOutlivesTheRun() throws InterruptedException {
    Thread caller = Thread.currentThread();
    java.util.concurrent.CountDownLatch callerReturned = new java.util.concurrent.CountDownLatch(1);
    // A worker holding a batch interrupts the caller, then keeps the batch until the caller has
    // returned (or 2 s have passed, when the caller rightly waits for it): a caller that returned
    // at once would let its allocator be closed under the worker.
    LatestValuesConsumer holdBatch = batch -> {
      caller.interrupt();
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
      while (callerReturned.getCount() > 0 && System.nanoTime() < deadline) {
        try {
          callerReturned.await(deadline - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          // The engine's shutdown interrupts workers; this one holds on to show what a caller waits for.
        }
      }
      throw new IllegalStateException("stopped");
    };
    OfflineEngine engine = OfflineEngine.embedded(allocator,
        OfflineOptions.defaults(dir.resolve("tmp")).withPartitions(16).withBatchRows(7));
    long held;
    try {
      assertThatThrownBy(() -> engine.latestValues(new LatestValuesRequest(view, T_END, Optional.empty(),
          Optional.empty()), holdBatch, Progress.NONE))
          .isInstanceOf(OfflineException.class).hasMessageContaining("interrupted");
      held = allocator.getAllocatedMemory();
      assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
    } finally {
      callerReturned.countDown();
      Thread.interrupted();
    }
    assertThat(held).as("bytes still held by workers when the caller returned").isZero();
  }

  /** Per id: conv, city, n_30m, then the delivered event and created time of the chosen row. */
  private Map<Long, List<Object>> latest(Instant end, Optional<Instant> start) {
    Map<Long, List<Object>> values = new HashMap<>();
    OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp")).withPartitions(4).withBatchRows(7))
        .latestValues(new LatestValuesRequest(view, end, start, Optional.empty()), batch -> {
          assertThat(batch.getSchema().getFields()).extracting(f -> f.getName()).containsExactly("id", "conv", "city",
              "n_30m", LatestValuesConsumer.EVENT_TIMESTAMP, LatestValuesConsumer.CREATED_TIMESTAMP);
          for (int i = 0; i < batch.getRowCount(); i++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : batch.getFieldVectors()) {
              row.add(TestVectors.get(v, i));
            }
            assertThat(values.put((Long) row.get(0), row.subList(1, row.size()))).as("delivered once").isNull();
          }
        }, Progress.NONE);
    return values;
  }

  private Map<Long, List<Object>> trainingSetAt(long end, TreeSet<Long> ids) throws Exception {
    List<Object[]> entities = new ArrayList<>();
    ids.forEach(id -> entities.add(new Object[] {id, end}));
    Tables.parquet(dir.resolve("entities.parquet"), List.of(col("id", DataType.INT64),
        col("event_timestamp", DataType.TIMESTAMP)), entities, 1000);
    Path out = dir.resolve("out.parquet");
    OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp"))).buildTrainingSet(
        new TrainingSetRequest(EntityTable.parquet(dir.resolve("entities.parquet").toString()), List.of(view), out,
            Optional.empty()), Progress.NONE);
    Map<Long, List<Object>> values = new HashMap<>();
    try (Tables.Duck duck = new Tables.Duck()) {
      for (List<Object> row : duck.rows("SELECT id, stats__conv, stats__city, stats__n_30m FROM read_parquet("
          + Tables.literal(out) + ")")) {
        values.put((Long) row.get(0), row.subList(1, row.size()));
      }
    }
    return values;
  }

  @Test
  void everyEntityGetsItsTrainingSetValueAtEnd() throws Exception {
    long end = T0 + 200 * MINUTE;
    TreeSet<Long> ids = new TreeSet<>();
    rows.stream().filter(r -> (Long) r[1] <= end).forEach(r -> ids.add((Long) r[0]));
    Map<Long, List<Object>> latest = latest(Tables.instant(end), Optional.empty());
    assertThat(latest.keySet()).isEqualTo(ids);
    assertThat(features(latest)).isEqualTo(trainingSetAt(end, ids));
    assertThat(latest.values().stream().filter(v -> v.get(0) != null).count()).isGreaterThan(10);
  }

  @Test
  void deliversTheEventAndCreatedTimeOfTheChosenRow() {
    long end = T0 + 200 * MINUTE;
    Map<Long, List<Object>> latest = latest(Tables.instant(end), Optional.empty());
    Map<Long, List<Object>> expected = new HashMap<>();
    for (Long id : latest.keySet()) {
      expected.put(id, chosenTimes(id, end));
    }
    Map<Long, List<Object>> delivered = new HashMap<>();
    latest.forEach((id, row) -> delivered.put(id, row.subList(3, 5)));
    assertThat(delivered).isEqualTo(expected);
    assertThat(delivered.values()).anyMatch(t -> t.get(0) == null).anyMatch(t -> t.get(0) != null && t.get(1) != null)
        .anyMatch(t -> t.get(0) != null && t.get(1) == null);
  }

  @Test
  void deliversOnlyTheEventTimeWhenTheSourceHasNoCreatedColumn() {
    view = new OfflineView("stats", view.joinKeys(),
        OfflineSource.parquet(dir.resolve("src").toString(), "ts", Optional.empty()), view.ttl(), view.features(),
        List.of());
    long end = T0 + 200 * MINUTE;
    List<String> names = new ArrayList<>();
    Map<Long, Object> times = new HashMap<>();
    OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp")).withPartitions(3))
        .latestValues(new LatestValuesRequest(view, Tables.instant(end), Optional.empty(), Optional.empty()), batch -> {
          names.clear();
          batch.getSchema().getFields().forEach(f -> names.add(f.getName()));
          for (int i = 0; i < batch.getRowCount(); i++) {
            times.put((Long) TestVectors.get(batch.getVector("id"), i),
                TestVectors.get(batch.getVector(LatestValuesConsumer.EVENT_TIMESTAMP), i));
          }
        }, Progress.NONE);
    assertThat(names).containsExactly("id", "conv", "city", LatestValuesConsumer.EVENT_TIMESTAMP);
    assertThat(times).isNotEmpty();
    // Without created times ties go to the later row in source order, whose event time is the same.
    times.forEach((id, time) -> assertThat(time).as("id %s", id).isEqualTo(chosenTimes(id, end).get(0)));
  }

  /**
   * The documented choice (docs/offline.md), written independently: among rows of {@code id} with {@code end - ttl <=
   * ts <= end} the greatest ts, then greatest created (null first), then the later row; its event
   * and created time, or two nulls.
   */
  private List<Object> chosenTimes(long id, long end) {
    Object[] best = null;
    for (Object[] row : rows) {
      long ts = (Long) row[1];
      if ((Long) row[0] != id || ts > end || ts < end - 45 * MINUTE) {
        continue;
      }
      if (best == null || ts > (Long) best[1] || ts == (Long) best[1] && createdOrMin(row) >= createdOrMin(best)) {
        best = row;
      }
    }
    return best == null ? java.util.Arrays.asList(null, null) : java.util.Arrays.asList(best[1], best[2]);
  }

  private static long createdOrMin(Object[] row) {
    return row[2] == null ? Long.MIN_VALUE : (Long) row[2];
  }

  private static Map<Long, List<Object>> features(Map<Long, List<Object>> latest) {
    Map<Long, List<Object>> features = new HashMap<>();
    latest.forEach((id, row) -> features.put(id, row.subList(0, 3)));
    return features;
  }

  @Test
  void intervalStartLimitsEntitiesToThoseWhoseValuesMayHaveChanged() throws Exception {
    // A new row in [start, end], or, with the view's 30-minute count, a row that entered or left
    // the window since start: a row in [start - 30m, end].
    long end = T0 + 200 * MINUTE;
    long start = T0 + 190 * MINUTE;
    TreeSet<Long> newRows = new TreeSet<>();
    rows.stream().filter(r -> (Long) r[1] <= end && (Long) r[1] >= start).forEach(r -> newRows.add((Long) r[0]));
    TreeSet<Long> ids = new TreeSet<>();
    rows.stream().filter(r -> (Long) r[1] <= end && (Long) r[1] >= start - 30 * MINUTE).forEach(r -> ids.add((Long) r[0]));
    Map<Long, List<Object>> latest = latest(Tables.instant(end), Optional.of(Tables.instant(start)));
    assertThat(latest.keySet()).isEqualTo(ids).containsAll(newRows).hasSizeGreaterThan(newRows.size());
    assertThat(features(latest)).isEqualTo(trainingSetAt(end, ids));
  }
}
