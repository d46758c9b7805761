package dev.parity.online.serving;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.definitions.FeatureRepository;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.online.testing.MutableClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store in a project of its own on a real Redis, a fake clock for value ages and the serving
 * repository. Event times are near the real now: Redis drops values by its own clock at
 * {@code event time + ttl + grace}, and a value it dropped could not show the age checks.
 */
final class ServingFixture implements AutoCloseable {
  private static final AtomicInteger PROJECTS = new AtomicInteger();

  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  final MutableClock clock = new MutableClock(now);
  final FeatureRepository repository;
  final OnlineViews views;
  final OnlineStore store;

  ServingFixture(RedisConnectionConfig connection, FeatureRepository repository) {
    this.repository = repository;
    this.views = OnlineViews.of(repository);
    String project = "serving-" + ProcessHandle.current().pid() + "-" + PROJECTS.incrementAndGet();
    this.store = RedisOnlineStoreFactory.create(connection, OnlineStoreSettings.defaults(project), clock,
        Ticker.systemTicker());
  }

  OnlineFeatureServer server() {
    return OnlineFeatureServer.create(repository, store);
  }

  /** Writes one row of {@code view} for a single-key entity at {@code eventTime}. */
  void write(String view, Object key, Instant eventTime, Object... values) {
    store.write(views.view(view), List.of(OnlineRow.of(List.of(key), micros(eventTime), Arrays.asList(values))));
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  @Override
  public void close() {
    store.close();
  }
}
