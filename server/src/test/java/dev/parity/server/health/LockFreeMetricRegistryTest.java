package dev.parity.server.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import dev.parity.server.app.TestServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LockFreeMetricRegistryTest {
  @Test
  void timersAndHistogramsByNameAreSharedAndKeepTheirStatistics() {
    LockFreeMetricRegistry registry = new LockFreeMetricRegistry();
    Timer timer = registry.timer("lookups");
    for (int i = 1; i <= 100; i++) {
      registry.timer("lookups").update(i, TimeUnit.MILLISECONDS);
    }
    Histogram rows = registry.histogram("rows");
    rows.update(3);
    rows.update(5);

    assertThat(registry.timer("lookups")).isSameAs(timer);
    assertThat(timer.getCount()).isEqualTo(100);
    Snapshot snapshot = timer.getSnapshot();
    assertThat(snapshot.getMin()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1));
    assertThat(snapshot.getMax()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(snapshot.getMedian()).isBetween(TimeUnit.MILLISECONDS.toNanos(49) * 1.0, TimeUnit.MILLISECONDS.toNanos(51) * 1.0);
    assertThat(registry.histogram("rows").getSnapshot().getValues()).containsExactly(3, 5);
    assertThatThrownBy(() -> registry.histogram("lookups")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theServerCountsJettysRequestsInIt() {
    TestServer server = TestServer.shared();
    server.get("/registry/entities");

    assertThat(server.environment().metrics()).isInstanceOf(LockFreeMetricRegistry.class);
    assertThat(server.environment().metrics().getTimers().keySet())
        .anyMatch(name -> name.endsWith(".requests"));
  }
}
