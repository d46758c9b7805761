package dev.parity.server.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.offline.Progress;
import dev.parity.registry.metadata.TriggerFiring;
import dev.parity.server.core.MaterializationService;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.push.PushRows;
import dev.parity.server.push.PushService;
import dev.parity.server.push.PushTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new_data trigger on a view fires when a push or a materialization moves its watermark, once. */
class WatermarkTriggersTest {
  private static final String TRIGGERS = """
      triggers:
        - name: fresh_view
          kind: new_data
          view: driver_hourly_stats
          debounce: 1m
          service: driver_ranking_v1
          entities: entities.csv
          hook: { command: ["true"] }
      """;

  @TempDir Path temp;

  private static List<TriggerFiring> firings(TriggersFixture.Server server) {
    return server.metadata().triggerFirings(server.triggers.project(), "fresh_view", 1000).stream()
        .sorted(Comparator.comparing(TriggerFiring::id)).toList();
  }

  /** One {@code driver_stats} row of driver 1001 at {@code eventTime}, pushed online. */
  private static void push(TriggersFixture.Server server, Instant eventTime) {
    Map<String, List<Object>> columns = Map.of("driver_id", list(1001L), "event_timestamp", list(eventTime.toString()),
        "conv_rate", list(0.5), "acc_rate", list(0.25), "avg_daily_trips", list(7L), "vehicle_type", list("suv"));
    RepositoryStores stores = server.stores;
    new PushService(stores).push(stores.repository(), "driver_stats", new PushRows(columns), PushTarget.ONLINE);
  }

  private static List<Object> list(Object value) {
    List<Object> values = new ArrayList<>();
    values.add(value);
    return values;
  }

  @Test
  void pushesAndAMaterializationMovingTheWatermarkFireOnceEachAfterTheDebounceAcrossRestartsAndServers() {
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), TRIGGERS)) {
      Instant t = TriggersFixture.T;
      TriggersFixture.Server server = fixture.server();
      server.scheduler.tick();
      assertThat(firings(server)).as("never pushed nor materialized: nothing to fire for").isEmpty();

      // A burst of two pushes: the debounce counts from the last one.
      push(server, t.minus(Duration.ofHours(2)));
      server.scheduler.tick();
      fixture.clock.advance(Duration.ofSeconds(40));
      push(server, t.minus(Duration.ofHours(1)));
      server.scheduler.tick();
      fixture.clock.advance(Duration.ofSeconds(40));
      server.scheduler.tick();
      assertThat(firings(server)).as("the watermark moved 40 s ago, the debounce is 1 min").isEmpty();

      fixture.clock.advance(Duration.ofSeconds(30));
      server.scheduler.tick();
      server.scheduler.tick();
      List<TriggerFiring> fired = firings(server);
      assertThat(fired).hasSize(1);
      assertThat(fired.get(0).reason()).isEqualTo("the watermark of feature view 'driver_hourly_stats' moved from "
          + "none to " + t.minus(Duration.ofHours(1)) + " (by a push)");

      // An older row does not move the watermark; a restarted server and a second one fire nothing again.
      push(server, t.minus(Duration.ofHours(3)));
      fixture.clock.advance(Duration.ofMinutes(5));
      TriggersFixture.Server restarted = fixture.server();
      TriggersFixture.Server other = fixture.server();
      restarted.scheduler.tick();
      other.scheduler.tick();
      assertThat(firings(server)).hasSize(1);

      // A materialization up to the end of the data moves it further, whichever server sees it.
      new MaterializationService(server.stores).materialize(server.stores.repository(), t.minus(Duration.ofDays(7)), t,
          Optional.of(List.of("driver_hourly_stats")), Progress.NONE);
      restarted.scheduler.tick();
      fixture.clock.advance(Duration.ofMinutes(1));
      other.scheduler.tick();
      restarted.scheduler.tick();
      fired = firings(server);
      assertThat(fired).hasSize(2);
      assertThat(fired.get(1).reason()).isEqualTo("the watermark of feature view 'driver_hourly_stats' moved from "
          + t.minus(Duration.ofHours(1)) + " to " + t + " (by a materialization)");
      assertThat(server.runs("fresh_view")).hasSize(2);
    }
  }
}
