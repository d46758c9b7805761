package dev.parity.online;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Newer-wins under concurrency: rows with many ties, shuffled, written by several writers (each
 * with its own store, like separate processes) in random batch sizes, end in the state "latest
 * by (event time, created time)" for every entity. Set {@code -Dparity.test.seed=N} to replay.
 */
class ConcurrentWritesTest {
  private static final int ENTITIES = 300;

  @ParameterizedTest
  @EnumSource(Target.class)
  void concurrentShuffledWritesEndInLatestRowPerEntity(Target target) throws Exception {
    long seed = Long.getLong("parity.test.seed", System.nanoTime());
    Random random = new Random(seed);
    OnlineView view = TestViews.drivers("v1", Duration.ZERO);
    String project = TestViews.uniqueProject("concurrent");

    List<OnlineRow> rows = new ArrayList<>();
    for (long entity = 0; entity < ENTITIES; entity++) {
      int count = 1 + random.nextInt(20);
      for (int i = 0; i < count; i++) {
        // Few distinct times: ties on event time, on created time, and on both (identical rows).
        long event = 1_000L * random.nextInt(4) - 1_000L;
        long created = random.nextInt(5) == 0 ? OnlineRow.NO_CREATED_TIME : random.nextInt(3);
        rows.add(rowFor(entity, event, created));
      }
    }
    Map<Long, OnlineRow> expected = new HashMap<>();
    Comparator<OnlineRow> newer = Comparator.comparingLong(OnlineRow::eventTimeMicros)
        .thenComparingLong(OnlineRow::createdTimeMicros);
    for (OnlineRow row : rows) {
      expected.merge((Long) row.joinKeyValues().get(0), row, (a, b) -> newer.compare(a, b) >= 0 ? a : b);
    }
    Collections.shuffle(rows, random);

    int writers = 4 + random.nextInt(5);
    List<List<List<OnlineRow>>> plan = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      plan.add(new ArrayList<>());
    }
    for (int start = 0, w = 0; start < rows.size(); w = (w + 1) % writers) {
      int end = Math.min(rows.size(), start + 1 + random.nextInt(120));
      plan.get(w).add(rows.subList(start, end));
      start = end;
    }
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<OnlineStore> stores = new ArrayList<>();
    try {
      List<Future<Long>> done = new ArrayList<>();
      for (List<List<OnlineRow>> batches : plan) {
        OnlineStore store = RedisOnlineStoreFactory.create(target.config(),
            OnlineStoreSettings.defaults(project).withWriteBatchSize(1 + random.nextInt(64)),
            Clock.systemUTC(), Ticker.systemTicker());
        stores.add(store);
        done.add(pool.submit(() -> {
          long written = 0;
          for (List<OnlineRow> batch : batches) {
            written += store.write(view, batch).written();
          }
          return written;
        }));
      }
      long written = 0;
      for (Future<Long> future : done) {
        written += future.get(120, TimeUnit.SECONDS);
      }
      assertThat(written).as("seed %d: rows that changed the store", seed).isBetween((long) ENTITIES, (long) rows.size());

      List<EntityRow> entities = new ArrayList<>();
      for (long entity = 0; entity < ENTITIES; entity++) {
        entities.add(EntityRow.of("driver_id", entity));
      }
      ViewResult result = stores.get(0).read(entities, List.of(ViewRequest.all(view))).view(0);
      AtomicInteger violations = new AtomicInteger();
      List<String> examples = new ArrayList<>();
      for (int entity = 0; entity < ENTITIES; entity++) {
        OnlineRow want = expected.get((long) entity);
        List<FeatureValue> got = result.values().get(entity);
        boolean ok = got.get(0).eventTimeMicros() == want.eventTimeMicros()
            && want.featureValues().get(0).equals(got.get(0).value())
            && want.featureValues().get(1).equals(got.get(1).value());
        if (!ok) {
          violations.incrementAndGet();
          if (examples.size() < 5) {
            examples.add("entity " + entity + ": want " + want + ", got " + got);
          }
        }
      }
      assertThat(violations.get()).as("violations with seed %d (replay with -Dparity.test.seed=%d): %s",
          seed, seed, examples).isZero();
    } finally {
      pool.shutdownNow();
      stores.forEach(OnlineStore::close);
    }
  }

  /** The row's values are a function of its key and times, so identical times mean identical rows. */
  private static OnlineRow rowFor(long entity, long event, long created) {
    long mix = entity * 1_000_003L + event * 31 + created;
    return TestViews.driverRow(entity, event, created, mix / 7.0, mix);
  }
}
