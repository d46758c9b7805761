package dev.parity.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.online.testing.RedisServer;
import dev.parity.online.testing.ServerProcess;
import dev.parity.online.testing.SilentServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Redis going away and coming back, on a private server. Wall-clock bounds here are generous
 * upper bounds that catch hangs, not performance assertions.
 */
class OutageTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final long FAIL_FAST_BOUND_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final OnlineView VIEW = TestViews.drivers("v1", Duration.ZERO);

  private RedisServer server;

  @BeforeEach
  void startServer() {
    server = RedisServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private static OnlineStore store(String url, String project, int poolSize) {
    return RedisOnlineStoreFactory.create(
        RedisConnectionConfig.standalone(url).withTimeout(TIMEOUT).withPoolSize(poolSize),
        OnlineStoreSettings.defaults(project).withWriteBatchSize(200), Clock.systemUTC(), Ticker.systemTicker());
  }

  private static List<OnlineRow> rows(int count) {
    List<OnlineRow> rows = new ArrayList<>(count);
    for (long id = 0; id < count; id++) {
      rows.add(TestViews.driverRow(id, 1_000 + id % 7, id % 3, id / 4.0, id * 3));
    }
    return rows;
  }

  @Test
  void killingRedisDuringALongWriteFailsItAndTheRerunMatchesACleanRun() throws Exception {
    List<OnlineRow> rows = rows(100_000);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (OnlineStore store = store(server.url(), "killed", 4);
        OnlineStore clean = store(server.url(), "clean", 4)) {
      Future<WriteResult> write = writer.submit(() -> store.write(VIEW, rows));
      try (RedisClient raw = RedisClient.create(URI.create(server.url()))) {
        ServerProcess.await("the write to be under way", Duration.ofSeconds(60), () -> raw.dbSize() >= 5_000);
      }
      server.stop();
      assertThatThrownBy(() -> write.get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(OnlineStoreUnavailableException.class);

      server.restart();
      assertThat(store.write(VIEW, rows).rows()).isEqualTo(rows.size());
      assertThat(store.write(VIEW, rows)).as("rerun is idempotent").isEqualTo(new WriteResult(0, rows.size()));
      clean.write(VIEW, rows);

      for (int start = 0; start < rows.size(); start += 10_000) {
        List<EntityRow> entities = new ArrayList<>();
        for (long id = start; id < start + 10_000; id++) {
          entities.add(EntityRow.of("driver_id", id));
        }
        List<ViewRequest> request = List.of(ViewRequest.all(VIEW));
        assertThat(store.read(entities, request)).isEqualTo(clean.read(entities, request));
      }
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void lookupsFailFastWhileRedisIsDownAndRecoverWithoutANewStore() {
    try (OnlineStore store = store(server.url(), "down", 4)) {
      store.write(VIEW, rows(10));
      List<EntityRow> entities = List.of(EntityRow.of("driver_id", 3L));
      List<ViewRequest> request = List.of(ViewRequest.all(VIEW));
      assertThat(store.read(entities, request).view(0).value(0, "trips").value()).isEqualTo(9L);

      server.stop();
      for (int attempt = 0; attempt < 3; attempt++) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> store.read(entities, request)).isInstanceOf(OnlineStoreUnavailableException.class)
            .hasMessageContaining("200 ms");
        assertThat(System.nanoTime() - start).isLessThan(FAIL_FAST_BOUND_NANOS);
      }

      server.restart();
      // The restarted server is empty (no persistence): the lookup succeeds and finds nothing.
      assertThat(store.read(entities, request).view(0).value(0, "trips").status())
          .isEqualTo(FeatureValue.Status.NOT_FOUND);
      store.write(VIEW, rows(10));
      assertThat(store.read(entities, request).view(0).value(0, "trips").value()).isEqualTo(9L);
    }
  }

  @Test
  void lookupsAgainstAHungServerFailWithinTheTimeoutWithoutPilingUp() throws Exception {
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try (SilentServer hung = new SilentServer(); OnlineStore store = store(hung.url(), "hung", 2)) {
      List<Future<Long>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        long id = i;
        calls.add(pool.submit(() -> {
          long start = System.nanoTime();
          assertThatThrownBy(() -> store.read(List.of(EntityRow.of("driver_id", id)), List.of(ViewRequest.all(VIEW))))
              .isInstanceOf(OnlineStoreUnavailableException.class);
          return System.nanoTime() - start;
        }));
      }
      for (Future<Long> call : calls) {
        assertThat(call.get(30, TimeUnit.SECONDS)).isLessThan(FAIL_FAST_BOUND_NANOS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
