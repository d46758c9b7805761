package dev.parity.online;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.online.testing.TestRedis;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;

/** A lookup of several views for many entities is one pipeline, also across cluster nodes. */
class RoundTripTest {

  /** Counts pipelines: each is one round trip (per node, in parallel, in a cluster). */
  private static final class CountingBackend implements RedisBackend {
    private final RedisBackend delegate;
    final AtomicInteger pipelines = new AtomicInteger();

    CountingBackend(RedisBackend delegate) {
      this.delegate = delegate;
    }

    @Override
    public AbstractPipeline pipeline() {
      pipelines.incrementAndGet();
      return delegate.pipeline();
    }

    @Override
    public void dropIdleConnections() {
      delegate.dropIdleConnections();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static OnlineStore counted(Target target, CountingBackend[] holder, String project) {
    holder[0] = new CountingBackend(RedisOnlineStoreFactory.backend(target.config()));
    return new RedisOnlineStore(holder[0], OnlineStoreSettings.defaults(project), Duration.ofSeconds(2),
        Clock.systemUTC(), Ticker.systemTicker());
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void looksUpSeveralViewsForManyEntitiesInOnePipeline(Target target) {
    CountingBackend[] backend = new CountingBackend[1];
    List<OnlineView> views = List.of(TestViews.drivers("v1", Duration.ZERO),
        new OnlineView("other", "v1", Duration.ZERO, TestViews.drivers("v1", Duration.ZERO).joinKeys(),
            TestViews.drivers("v1", Duration.ZERO).features()));
    try (OnlineStore store = counted(target, backend, TestViews.uniqueProject("roundtrip"))) {
      List<EntityRow> entities = new ArrayList<>();
      for (long id = 0; id < 100; id++) {
        entities.add(EntityRow.of("driver_id", id));
        for (int v = 0; v < views.size(); v++) {
          if ((id + v) % 3 != 0) {
            store.write(views.get(v), List.of(TestViews.driverRow(id, id, 0, id + 0.5, id * 10 + v)));
          }
        }
      }
      int before = backend[0].pipelines.get();

      OnlineLookup lookup = store.read(entities, views.stream().map(ViewRequest::all).toList());

      assertThat(backend[0].pipelines.get() - before).isEqualTo(1);
      for (int v = 0; v < views.size(); v++) {
        for (int id = 0; id < 100; id++) {
          FeatureValue trips = lookup.view(v).value(id, "trips");
          if ((id + v) % 3 == 0) {
            assertThat(trips.status()).isEqualTo(FeatureValue.Status.NOT_FOUND);
          } else {
            assertThat(trips.value()).as("view %d entity %d", v, id).isEqualTo(id * 10L + v);
          }
        }
      }
    }
  }

  @Test
  void clusterRequestSpanningAllMastersIsAnsweredInOnePipeline() {
    String project = TestViews.uniqueProject("span");
    OnlineView view = TestViews.drivers("v1", Duration.ZERO);
    Set<HostAndPort> seeds = new LinkedHashSet<>();
    TestRedis.clusterUrls().forEach(u -> seeds.add(new HostAndPort(URI.create(u).getHost(), URI.create(u).getPort())));
    CountingBackend[] backend = new CountingBackend[1];
    try (OnlineStore store = counted(Target.CLUSTER, backend, project);
        ClusterConnectionProvider slots = new ClusterConnectionProvider(seeds, DefaultJedisClientConfig.builder().build())) {
      ViewCodec codec = new ViewCodec(RedisLayout.projectPrefix(project), view);
      ByteSink sink = new ByteSink();
      List<EntityRow> entities = new ArrayList<>();
      Set<HostAndPort> masters = new HashSet<>();
      for (long id = 0; id < 12; id++) {
        store.write(view, List.of(TestViews.driverRow(id, 1, 0, id / 2.0, id)));
        entities.add(EntityRow.of("driver_id", id));
        masters.add(slots.getNode(JedisClusterCRC16.getSlot(codec.keyForRead(sink, entities.get((int) id), 0))));
      }
      assertThat(masters).as("the entities' keys live on every master").hasSize(3);
      int before = backend[0].pipelines.get();

      ViewResult result = store.read(entities, List.of(ViewRequest.all(view))).view(0);

      assertThat(backend[0].pipelines.get() - before).isEqualTo(1);
      for (int id = 0; id < 12; id++) {
        assertThat(result.value(id, "trips").value()).isEqualTo((long) id);
        assertThat(result.value(id, "conv_rate").value()).isEqualTo(id / 2.0);
      }
    }
  }
}
