package dev.parity.online.serving;

import static dev.parity.online.FeatureValue.Status.NOT_FOUND;
import static dev.parity.online.FeatureValue.Status.PRESENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.online.EntityRow;
import dev.parity.online.OnlineLookup;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineView;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.ViewRequest;
import dev.parity.online.WriteResult;
import dev.parity.online.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One store read per request, covering every view (also ones only on-demand features read);
 * the same answers on a Redis Cluster and from many threads at once.
 */
class ServingRoundTripTest {

  /** Passes through to the real store and records what each read asked for. */
  private static final class RecordingStore implements OnlineStore {
    private final OnlineStore delegate;
    final List<List<ViewRequest>> reads = Collections.synchronizedList(new ArrayList<>());

    RecordingStore(OnlineStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public WriteResult write(OnlineView view, List<OnlineRow> rows) {
      return delegate.write(view, rows);
    }

    @Override
    public OnlineLookup read(List<EntityRow> entities, List<ViewRequest> views) {
      reads.add(views);
      return delegate.read(entities, views);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static void writeSample(ServingFixture fx, int drivers) {
    Instant time = fx.now.minus(Duration.ofMinutes(30));
    for (long id = 0; id < drivers; id++) {
      fx.write("driver_hourly_stats", id, time, id / 100.0, 0.5, id, id % 2 == 0 ? "sedan" : "suv", 1.0);
      fx.write("driver_activity", id, time, id * 2, 1.0, 2.0, 3L, 4.0);
      fx.write("customer_profile", id + 500, time, id * 10.0, id, "s" + id);
    }
  }

  private static OnlineFeaturesRequest tripAcceptance(List<Object> drivers, List<Object> customers) {
    List<Object> zeros = new ArrayList<>(Collections.nCopies(drivers.size(), 0));
    return OnlineFeaturesRequest.forService("trip_acceptance_v1", Map.of("driver_id", drivers, "customer_id", customers))
        .withRequestData(Map.of("val_to_add", zeros));
  }

  @Test
  void readsEveryViewOfARequestInOneStoreReadIncludingViewsOnlyOnDemandFeaturesUse() {
    try (ServingFixture fx = new ServingFixture(RedisConnectionConfig.standalone(TestRedis.standaloneUrl()), ServingRepo.load())) {
      writeSample(fx, 3);
      RecordingStore store = new RecordingStore(fx.store);
      OnlineFeatureServer server = OnlineFeatureServer.create(fx.repository, store);

      server.get(tripAcceptance(List.of(0, 1, 2), List.of(500, 501, 502)));
      OnlineFeaturesResponse onDemandOnly = server.get(OnlineFeaturesRequest
          .forFeatures(List.of("driver_adjusted:conv_plus_val"), Map.of("driver_id", List.of(2)))
          .withRequestData(Map.of("val_to_add", List.of(1))));

      assertThat(store.reads).hasSize(2);
      assertThat(store.reads.get(0)).extracting(r -> r.view().name())
          .containsExactly("driver_hourly_stats", "driver_activity", "customer_profile");
      // conv_rate is read for conv_plus_val although not requested, and not returned.
      assertThat(store.reads.get(1)).extracting(ViewRequest::features).containsExactly(List.of("conv_rate"));
      assertThat(onDemandOnly.featureNames()).containsExactly("driver_id", "conv_plus_val");
      assertThat(onDemandOnly.column("conv_plus_val").values()).containsExactly(1.02);
    }
  }

  @Test
  void servesAMultiEntityServiceFromARedisCluster() {
    try (ServingFixture fx = new ServingFixture(RedisConnectionConfig.cluster(TestRedis.clusterUrls()), ServingRepo.load())) {
      writeSample(fx, 40);
      OnlineFeatureServer server = fx.server();
      List<Object> drivers = new ArrayList<>();
      List<Object> customers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        drivers.add((long) i);
        customers.add((long) (539 - i));
      }

      OnlineFeaturesResponse response = server.get(tripAcceptance(drivers, customers));

      for (int row = 0; row < 50; row++) {
        long driver = row;
        long customerIndex = 39 - row; // customer id 500 + index
        // A driver without a stored row counts 0 trips, as offline; its other features are missing.
        assertThat(response.column("trips_7d").entry(row).status()).isEqualTo(PRESENT);
        assertThat(response.column("trips_7d").values().get(row)).isEqualTo(driver < 40 ? driver * 2 : 0L);
        assertThat(response.column("fare_avg_7d").entry(row).status()).isEqualTo(driver < 40 ? PRESENT : NOT_FOUND);
        assertThat(response.column("segment").values().get(row)).isEqualTo(customerIndex >= 0 ? "s" + customerIndex : null);
        assertThat(response.column("conv_plus_val").values().get(row)).isEqualTo(driver < 40 ? driver / 100.0 : null);
      }
    }
  }

  @Test
  void answersConcurrentRequestsAsItAnswersThemOneByOne() throws Exception {
    try (ServingFixture fx = new ServingFixture(RedisConnectionConfig.standalone(TestRedis.standaloneUrl()), ServingRepo.load())) {
      writeSample(fx, 20);
      OnlineFeatureServer server = fx.server();
      List<OnlineFeaturesRequest> requests = IntStream.range(0, 20)
          .mapToObj(i -> tripAcceptance(List.of(i, (i + 7) % 20), List.of(500 + i, 519 - i)))
          .toList();
      List<OnlineFeaturesResponse> sequential = requests.stream().map(server::get).toList();

      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<OnlineFeaturesResponse>> futures = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
          requests.forEach(r -> futures.add(pool.submit(() -> server.get(r))));
        }
        for (int i = 0; i < futures.size(); i++) {
          assertThat(futures.get(i).get()).isEqualTo(sequential.get(i % requests.size()));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
