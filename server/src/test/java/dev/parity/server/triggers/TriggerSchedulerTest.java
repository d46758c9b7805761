package dev.parity.server.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.registry.metadata.FiringOutcome;
import dev.parity.registry.metadata.MetricObservation;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.TriggerFiring;
import dev.parity.registry.metadata.TriggerRun;
import dev.parity.registry.testing.TestPostgres;
import dev.parity.definitions.RepositoryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cron, new_data and metric triggers fire exactly when they should, across restarts and servers. */
class TriggerSchedulerTest {
  private static final Instant T = TriggersFixture.T;

  @TempDir Path temp;

  private static String trigger(String name, String kind, String condition) {
    return """
          - name: %s
            kind: %s
        %s
            service: driver_ranking_v1
            entities: entities.csv
            hook: { command: ["true"] }
        """.formatted(name, kind, condition.indent(4).stripTrailing());
  }

  /** Firings of a trigger as {@code outcome@key}, oldest first. */
  private static List<String> firings(TriggersFixture.Server server, String trigger) {
    return server.metadata().triggerFirings(server.triggers.project(), trigger, 1000).stream()
        .sorted(Comparator.comparing(TriggerFiring::id))
        .map(f -> f.outcome().name().toLowerCase() + "@" + f.firingKey()).toList();
  }

  @Test
  void cronFiresOnScheduleAndHandlesFiringsMissedAcrossARestartByPolicy() {
    String triggers = "triggers:\n" + trigger("hourly", "cron", """
        schedule: "0 * * * *"
        time_zone: UTC
        missed: run_once""") + trigger("hourly_skip", "cron", """
        schedule: "30 * * * *"
        time_zone: Europe/Paris
        missed: skip""");
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), triggers)) {
      TriggersFixture.Server first = fixture.server();
      first.scheduler.tick();
      assertThat(firings(first, "hourly")).as("a new trigger fires for nothing in the past").isEmpty();

      fixture.clock.set(T.plus(Duration.ofMinutes(59)));
      first.scheduler.tick();
      assertThat(firings(first, "hourly")).isEmpty();
      fixture.clock.set(T.plus(Duration.ofMinutes(60)));
      first.scheduler.tick();
      first.scheduler.tick();
      assertThat(firings(first, "hourly")).containsExactly("started@cron:2026-01-31T01:00:00Z");
      assertThat(first.runs("hourly")).extracting(TriggerRun::status).containsExactly(RunStatus.SUCCEEDED);
      assertThat(first.runs("hourly").get(0).reason()).contains("due at 2026-01-31T01:00:00Z");

      // The server stops at 01:10; the next starts at 04:00 on the dot.
      fixture.clock.set(Instant.parse("2026-01-31T01:10:00Z"));
      first.scheduler.tick();
      fixture.clock.set(Instant.parse("2026-01-31T04:00:00Z"));
      TriggersFixture.Server second = fixture.server();
      second.scheduler.tick();

      assertThat(firings(second, "hourly")).containsExactly("started@cron:2026-01-31T01:00:00Z",
          "skipped@cron:2026-01-31T02:00:00Z", "started@cron:2026-01-31T03:00:00Z",
          "started@cron:2026-01-31T04:00:00Z");
      List<TriggerRun> runs = second.runs("hourly");
      assertThat(runs).hasSize(3).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED));
      assertThat(runs.get(1).reason()).contains("missed while no server ran: due at 2026-01-31T03:00:00Z")
          .contains("run once at start");
      // Its 00:30 firing was 29 minutes old at the first tick that saw it: missed too.
      assertThat(firings(second, "hourly_skip")).containsExactly("skipped@cron:2026-01-31T00:30:00Z",
          "skipped@cron:2026-01-31T01:30:00Z", "skipped@cron:2026-01-31T02:30:00Z",
          "skipped@cron:2026-01-31T03:30:00Z");
      assertThat(second.metadata().triggerFirings(second.triggers.project(), "hourly_skip", 10).get(0).reason())
          .contains("skipped (missed: skip)");
      second.scheduler.tick();
      assertThat(firings(second, "hourly")).hasSize(4);
    }
  }

  @Test
  void newDataFiresOnceForFilesAppearingTogetherAndAgainForARewrittenFileAcrossARestart() throws IOException {
    String triggers = "triggers:\n" + trigger("fresh_stats", "new_data", """
        source: driver_stats
        debounce: 10m""");
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), triggers)) {
      Path stats = fixture.root.resolve("data/driver_stats");
      Path sample = stats.resolve("part-00000.parquet");
      TriggersFixture.Server first = fixture.server();
      first.scheduler.tick();
      assertThat(firings(first, "fresh_stats")).as("files there at first sight are the baseline").isEmpty();

      Files.copy(sample, stats.resolve("part-00010.parquet"));
      Files.copy(sample, stats.resolve("part-00011.parquet"));
      first.scheduler.tick();
      fixture.clock.advance(Duration.ofMinutes(9));
      first.scheduler.tick();
      assertThat(firings(first, "fresh_stats")).as("debounce").isEmpty();
      fixture.clock.advance(Duration.ofMinutes(1));
      first.scheduler.tick();
      first.scheduler.tick();
      List<TriggerRun> runs = first.runs("fresh_stats");
      assertThat(runs).hasSize(1);
      assertThat(runs.get(0).reason()).isEqualTo("new or changed files under source 'driver_stats': "
          + "data/driver_stats/part-00010.parquet, data/driver_stats/part-00011.parquet");
      assertThat(runs.get(0).status()).isEqualTo(RunStatus.SUCCEEDED);

      // A restart sees the same files: nothing fires.
      TriggersFixture.Server second = fixture.server();
      fixture.clock.advance(Duration.ofHours(1));
      second.scheduler.tick();
      assertThat(second.runs("fresh_stats")).hasSize(1);

      // One file rewritten: it fires again, after the debounce, for that file only.
      Files.copy(stats.resolve("part-00001.parquet"), stats.resolve("part-00011.parquet"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(stats.resolve("part-00011.parquet"), FileTime.from(Instant.parse("2026-01-31T05:00:00Z")));
      second.scheduler.tick();
      assertThat(second.runs("fresh_stats")).hasSize(1);
      TriggersFixture.Server third = fixture.server();
      fixture.clock.advance(Duration.ofMinutes(10));
      third.scheduler.tick();
      third.scheduler.tick();
      runs = third.runs("fresh_stats");
      assertThat(runs).hasSize(2);
      assertThat(runs.get(1).reason()).endsWith(": data/driver_stats/part-00011.parquet");
    }
  }

  @Test
  void aMetricTriggerFiresOnceWhenAPostedModelMetricCrossesItsThreshold() {
    String triggers = "triggers:\n" + trigger("accuracy_drop", "metric", """
        metric: { model: eta, name: accuracy, below: 0.8 }
        debounce: 30m""");
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), triggers)) {
      TriggersFixture.Server server = fixture.server();
      String project = server.triggers.project();
      long set = server.metadata().recordTrainingSet(new dev.parity.registry.metadata.TrainingSet(project,
          "sha256:e", Optional.empty(), List.of(new dev.parity.registry.VersionedRef(
          dev.parity.registry.DefinitionKind.FEATURE_VIEW, "driver_hourly_stats", "a".repeat(64))), 1, Optional.empty(), "ts.parquet", 1,
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode())).id();
      server.metadata().registerModelVersion(project, "eta", "1", set, Optional.empty(), Map.of("accuracy", 0.91));
      server.scheduler.tick();
      assertThat(firings(server, "accuracy_drop")).isEmpty();

      fixture.clock.advance(Duration.ofHours(1));
      server.metadata().observeMetrics(project, "eta", "1", List.of(new MetricObservation("accuracy", 0.72,
          fixture.clock.instant())));
      server.scheduler.tick();
      fixture.clock.advance(Duration.ofMinutes(29));
      server.scheduler.tick();
      assertThat(firings(server, "accuracy_drop")).as("debounce").isEmpty();
      fixture.clock.advance(Duration.ofMinutes(1));
      server.scheduler.tick();
      server.scheduler.tick();
      List<TriggerRun> runs = server.runs("accuracy_drop");
      assertThat(runs).hasSize(1);
      assertThat(runs.get(0).reason()).startsWith("eta version 1 accuracy = 0.72").contains("accuracy below 0.8");

      // Back above, then below again: a new crossing fires again.
      server.metadata().observeMetrics(project, "eta", "1", List.of(new MetricObservation("accuracy", 0.85,
          fixture.clock.advance(Duration.ofMinutes(1)))));
      server.scheduler.tick();
      server.metadata().observeMetrics(project, "eta", "1", List.of(new MetricObservation("accuracy", 0.7,
          fixture.clock.advance(Duration.ofMinutes(1)))));
      server.scheduler.tick();
      fixture.clock.advance(Duration.ofMinutes(30));
      server.scheduler.tick();
      assertThat(server.runs("accuracy_drop")).hasSize(2);
    }
  }

  @Test
  void twoSchedulersOnOnePostgresRegistryRunEachCronFiringOnce() throws Exception {
    String triggers = "triggers:\n" + trigger("hourly", "cron", """
        schedule: "0 * * * *"
        time_zone: UTC""");
    Map<String, String> postgres = Map.of(RepositoryConfig.REGISTRY_URL_ENV, TestPostgres.newDatabase());
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), postgres, triggers)) {
      List<TriggersFixture.Server> servers = List.of(fixture.server(), fixture.server());
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        for (int hour = 0; hour <= 3; hour++) {
          fixture.clock.set(T.plus(Duration.ofHours(hour)));
          CountDownLatch start = new CountDownLatch(1);
          List<Future<?>> ticks = new ArrayList<>();
          for (TriggersFixture.Server server : servers) {
            ticks.add(threads.submit(() -> {
              start.await();
              server.scheduler.tick();
              return null;
            }));
          }
          start.countDown();
          for (Future<?> tick : ticks) {
            tick.get();
          }
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(firings(servers.get(0), "hourly")).containsExactly("started@cron:2026-01-31T01:00:00Z",
          "started@cron:2026-01-31T02:00:00Z", "started@cron:2026-01-31T03:00:00Z");
      assertThat(servers.get(0).runs("hourly")).hasSize(3)
          .allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED));
      assertThat(servers.get(1).metadata().runs(dev.parity.registry.metadata.RunQuery.of(fixture.project)
          .withKind(dev.parity.registry.metadata.RunKind.TRIGGER))).hasSize(3);
    }
  }
}
