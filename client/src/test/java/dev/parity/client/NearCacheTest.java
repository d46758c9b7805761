package dev.parity.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The near cache: rows answered from it while fresh, only missing rows asked for, bounded, counted. */
class NearCacheTest {
  private final ManualTime time = new ManualTime();
  private final ScriptedTransport transport = new ScriptedTransport();
  private final RecordingListener listener = new RecordingListener();
  private final ParityClient client = ParityClient.builder().baseUrl("http://a.test:6566").transport(transport)
      .scheduler(time).ticker(time).executor(Runnable::run).listener(listener).nearCache(100, Duration.ofSeconds(1))
      .build();

  private CompletableFuture<OnlineFeatures> lookup(List<Long> drivers, long valToAdd) {
    return client.features("driver_ranking_v1").entities("driver_id", drivers)
        .requestData("val_to_add", drivers.stream().map(d -> valToAdd).toList()).getAsync();
  }

  @Test
  void aRowIsAnsweredFromTheCacheUntilItIsAsOldAsTheStalenessBound() {
    lookup(List.of(1001L), 1);
    transport.last().reply(200, Answers.rows(1001));

    time.advanceMillis(999);
    OnlineFeatures cached = lookup(List.of(1001L), 1).join();
    assertThat(transport.count()).isEqualTo(1);
    assertThat(cached.cachedRows()).isEqualTo(1);
    assertThat(cached.row(0).getDouble("conv_rate")).isEqualTo(0.1001);

    time.advanceMillis(1);
    CompletableFuture<OnlineFeatures> stale = lookup(List.of(1001L), 1);
    assertThat(transport.count()).isEqualTo(2);
    transport.last().reply(200, Answers.rows(1001));
    assertThat(stale.join().cachedRows()).isZero();
    assertThat(client.nearCacheStats()).contains(new NearCacheStats(1, 2, 1));
    assertThat(listener.events()).contains("cache 0 1", "cache 1 0", "call lookup 0 ok");
  }

  @Test
  void onlyTheRowsNotCachedAreAskedForAndTheAnswerKeepsTheRequestsOrder() {
    lookup(List.of(1001L), 1);
    transport.last().reply(200, Answers.rows(1001));

    CompletableFuture<OnlineFeatures> answer = lookup(List.of(1002L, 1001L, 1003L), 1);

    assertThat(transport.last().body()).contains("\"driver_id\":[1002,1003]", "\"val_to_add\":[1,1]");
    transport.last().reply(200, Answers.rows(1002, 1003));
    OnlineFeatures rows = answer.join();
    assertThat(rows.rows()).extracting(r -> r.getLong("driver_id")).containsExactly(1002L, 1001L, 1003L);
    assertThat(rows.rows()).extracting(r -> r.getDouble("conv_rate")).containsExactly(0.1002, 0.1001, 0.1003);
    assertThat(rows.cachedRows()).isEqualTo(1);
    assertThat(listener.events()).contains("cache 1 2");
  }

  @Test
  void otherRequestDataOrAnotherSelectionIsAnotherRow() {
    lookup(List.of(1001L), 1);
    transport.last().reply(200, Answers.rows(1001));

    lookup(List.of(1001L), 2);
    client.featureList("driver_hourly_stats:conv_rate").entity("driver_id", 1001L).getAsync();
    client.features("driver_ranking_v1").entity("driver_id", 1001L).request("val_to_add", 1).fullFeatureNames()
        .getAsync();
    client.features("driver_ranking_v1").entity("driver_id", 1001L).request("val_to_add", 1).skipNearCache()
        .getAsync();

    assertThat(transport.count()).isEqualTo(5);
  }

  @Test
  void aFailedLookupStoresNothing() {
    CompletableFuture<OnlineFeatures> failed = lookup(List.of(1001L), 1);
    transport.last().reply(404, Answers.error(404, "unknown feature service"));
    assertThat(failed).isCompletedExceptionally();

    lookup(List.of(1001L), 1);
    assertThat(transport.count()).isEqualTo(2);
  }

  @Test
  void theCacheHoldsAtMostItsBoundLeastRecentlyUsedOut() {
    NearCache cache = new NearCache(16, Duration.ofMinutes(1).toNanos(), time);
    RowData row = new RowData(new FeatureNames(List.of("a")), new Object[] {1L},
        new FeatureStatus[] {FeatureStatus.PRESENT}, new java.time.Instant[1]);
    for (int i = 0; i < 1000; i++) {
      cache.put("key" + i, row, time.read());
    }

    assertThat(cache.stats().size()).isEqualTo(16);
    assertThat(cache.get("key999")).isSameAs(row);
    assertThat(cache.get("key0")).isNull();
  }
}
