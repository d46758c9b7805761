package dev.parity.online;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.online.FeatureValue.Status;
import dev.parity.online.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The optional near cache never serves what Redis's copy would not. */
class NearCacheTest {
  private static final Duration TTL = Duration.ofHours(1);
  private static final Duration CACHE_EXPIRY = Duration.ofSeconds(5);
  private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final MutableClock clock = new MutableClock(t0);
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final String project = TestViews.uniqueProject("near");
  private final List<OnlineStore> stores = new ArrayList<>();

  @AfterEach
  void closeStores() {
    stores.forEach(OnlineStore::close);
  }

  private RedisOnlineStore store(long maximumSize) {
    OnlineStore store = RedisOnlineStoreFactory.create(Target.STANDALONE.config(),
        OnlineStoreSettings.defaults(project).withNearCache(NearCacheSettings.of(maximumSize, CACHE_EXPIRY)),
        clock, ticker);
    stores.add(store);
    return (RedisOnlineStore) store;
  }

  private static FeatureValue trips(OnlineStore store, OnlineView view, long id) {
    return store.read(List.of(EntityRow.of("driver_id", id)), List.of(ViewRequest.all(view))).view(0).value(0, "trips");
  }

  private void deleteBehindTheCache(OnlineView view, long id) {
    try (UnifiedJedis raw = Target.STANDALONE.raw()) {
      raw.del(new ViewCodec(RedisLayout.projectPrefix(project), view).keyForWrite(new ByteSink(), List.of(id), 0));
    }
  }

  @Test
  void aCachedRowOlderThanTtlIsRefusedAndTheCacheExpiresByItsTicker() {
    OnlineView view = TestViews.drivers("v1", TTL);
    RedisOnlineStore store = store(100);
    store.write(view, List.of(TestViews.driverRow(1, TestViews.micros(t0), 0, 0.5, 5L)));
    assertThat(trips(store, view, 1).value()).isEqualTo(5L);
    deleteBehindTheCache(view, 1);

    assertThat(trips(store, view, 1).value()).as("served from the cache").isEqualTo(5L);
    clock.advance(TTL.plusNanos(1000));
    assertThat(trips(store, view, 1).status()).isEqualTo(Status.OUTSIDE_MAX_AGE);
    nanos.addAndGet(CACHE_EXPIRY.plusNanos(1).toNanos());
    assertThat(trips(store, view, 1).status()).as("cache entry expired, Redis has none").isEqualTo(Status.NOT_FOUND);
  }

  @Test
  void aCachedRowOfAnotherVersionIsBypassed() {
    OnlineView v1 = TestViews.drivers("v1", TTL);
    OnlineView v2 = TestViews.drivers("v2", TTL);
    RedisOnlineStore cached = store(100);
    RedisOnlineStore otherProcess = store(100);
    cached.write(v1, List.of(TestViews.driverRow(1, TestViews.micros(t0), 0, 0.5, 5L)));
    assertThat(trips(cached, v1, 1).value()).isEqualTo(5L);

    otherProcess.write(v2, List.of(TestViews.driverRow(1, TestViews.micros(t0), 0, 0.5, 50L)));

    assertThat(trips(cached, v2, 1).value()).isEqualTo(50L);
  }

  @Test
  void writesThroughTheStoreInvalidateItsCache() {
    OnlineView view = TestViews.drivers("v1", TTL);
    RedisOnlineStore store = store(100);
    store.write(view, List.of(TestViews.driverRow(1, TestViews.micros(t0), 0, 0.5, 5L)));
    assertThat(trips(store, view, 1).value()).isEqualTo(5L);

    store.write(view, List.of(TestViews.driverRow(1, TestViews.micros(t0) + 1, 0, 0.6, 6L)));

    assertThat(trips(store, view, 1).value()).isEqualTo(6L);
  }

  @Test
  void holdsAtMostItsMaximumSize() {
    OnlineView view = TestViews.drivers("v1", TTL);
    RedisOnlineStore store = store(10);
    List<OnlineRow> rows = new ArrayList<>();
    List<EntityRow> entities = new ArrayList<>();
    for (long id = 0; id < 50; id++) {
      rows.add(TestViews.driverRow(id, TestViews.micros(t0), 0, 0.5, id));
      entities.add(EntityRow.of("driver_id", id));
    }
    store.write(view, rows);

    ViewResult result = store.read(entities, List.of(ViewRequest.all(view))).view(0);

    assertThat(result.values()).hasSize(50);
    assertThat(store.nearCacheSize()).isBetween(1L, 10L);
  }
}
