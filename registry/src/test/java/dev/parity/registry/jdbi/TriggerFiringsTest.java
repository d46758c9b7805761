package dev.parity.registry.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parity.online.testing.MutableClock;
import dev.parity.registry.metadata.FiringOutcome;
import dev.parity.registry.metadata.FiringRequest;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.TriggerFiring;
import dev.parity.registry.metadata.TriggerRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Trigger firings: claimed once across stores sharing a database, one run per trigger, queue and refusal. */
class TriggerFiringsTest {
  private static final String PROJECT = "rides";
  private static final String VERSION = Definitions.sha256("trigger");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T02:00:00Z"));

  private static FiringRequest firing(String key, boolean queue) {
    return new FiringRequest(PROJECT, "nightly", "cron", VERSION, key, "schedule " + key, queue, false);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void twoServersClaimingTheSameFiringRunItOnce(Backend backend) throws Exception {
    String url = backend.freshUrl();
    try (RegistryDatabase one = RegistryDatabase.open(url, PooledConnections::new);
        RegistryDatabase two = RegistryDatabase.open(url, PooledConnections::new)) {
      List<MetadataStore> servers = List.of(one.metadata(clock), two.metadata(clock));
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        for (int minute = 0; minute < 10; minute++) {
          String key = "cron:2026-12-07T02:0" + minute + ":00Z";
          CountDownLatch start = new CountDownLatch(1);
          List<Future<Optional<TriggerFiring>>> claims = new ArrayList<>();
          for (MetadataStore server : servers) {
            Callable<Optional<TriggerFiring>> claim = () -> {
              start.await();
              return server.claimFiring(firing(key, true));
            };
            claims.add(threads.submit(claim));
          }
          start.countDown();
          List<TriggerFiring> won = new ArrayList<>();
          for (Future<Optional<TriggerFiring>> claim : claims) {
            claim.get().ifPresent(won::add);
          }
          assertThat(won).as(key).hasSize(1);
          TriggerFiring firing = won.get(0);
          // Only the first firing starts; the others queue behind its run, which is never finished here.
          assertThat(firing.outcome()).isEqualTo(minute == 0 ? FiringOutcome.STARTED : FiringOutcome.QUEUED);
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(servers.get(0).triggerFirings(PROJECT, "nightly", 100)).hasSize(10);
      assertThat(servers.get(0).runs(dev.parity.registry.metadata.RunQuery.of(PROJECT))).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aBusyTriggerRefusesOrQueuesAndAnInterruptedRunFreesIt(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      TriggerFiring first = store.claimFiring(firing("a", false)).orElseThrow();
      long run = first.runId().orElseThrow();
      assertThat(store.triggerRunDetail(run).orElseThrow().triggerVersion()).contains(VERSION);

      TriggerFiring refused = store.claimFiring(firing("b", false)).orElseThrow();
      assertThat(refused.outcome()).isEqualTo(FiringOutcome.REFUSED);
      assertThat(refused.note()).contains("refused: run " + run + " of the trigger is in progress");
      TriggerFiring queued = store.claimFiring(firing("c", true)).orElseThrow();
      assertThat(queued.outcome()).isEqualTo(FiringOutcome.QUEUED);
      assertThat(store.claimFiring(firing("c", true))).as("a key is claimed once").isEmpty();
      assertThat(store.startQueuedFiring(PROJECT, "nightly")).as("the run is still in progress").isEmpty();

      store.finishTrigger(run, RunStatus.SUCCEEDED, Optional.empty(), Optional.empty(), Optional.empty());
      TriggerRun next = store.startQueuedFiring(PROJECT, "nightly").orElseThrow();
      assertThat(next.reason()).isEqualTo("schedule c");
      assertThat(store.triggerFiring(queued.id()).orElseThrow().runId()).contains(next.id());
      assertThat(store.startQueuedFiring(PROJECT, "nightly")).isEmpty();

      // A crash: the run is marked interrupted at the next start, and the trigger is free again.
      store.interruptAllRuns("the server crashed");
      assertThat(store.claimFiring(firing("d", false)).orElseThrow().outcome()).isEqualTo(FiringOutcome.STARTED);

      TriggerFiring skipped = store.claimFiring(new FiringRequest(PROJECT, "nightly", "cron", VERSION, "e",
          "missed", false, true)).orElseThrow();
      assertThat(skipped.outcome()).isEqualTo(FiringOutcome.SKIPPED);
      assertThat(skipped.runId()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void remembersStateAndSteps(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      assertThat(store.triggerState(PROJECT, "nightly")).isEmpty();
      store.saveTriggerState(PROJECT, "nightly", JsonNodeFactory.instance.objectNode().put("checked", "a"));
      store.saveTriggerState(PROJECT, "nightly", JsonNodeFactory.instance.objectNode().put("checked", "b"));
      assertThat(store.triggerState(PROJECT, "nightly").orElseThrow().get("checked").asText()).isEqualTo("b");

      // The versions are the registry's: each applied declaration, in the order first stored.
      var registry = db.registry(clock);
      var service = Definitions.service("ranking");
      var first = Definitions.trigger("nightly", "ranking", "0 3 * * *");
      registry.apply(PROJECT, 0, List.of(service, first));
      clock.advance(java.time.Duration.ofHours(1));
      var changed = Definitions.trigger("nightly", "ranking", "0 4 * * *");
      registry.apply(PROJECT, 1, List.of(service, changed));
      registry.apply(PROJECT, 2, List.of(service, first));
      assertThat(store.triggerVersions(PROJECT, "nightly")).extracting(v -> v.version() + " " + v.firstSeenAt() + " "
          + v.triggerKind() + " " + v.definition().get("condition").get("schedule").asText()).containsExactly(
          first.version() + " 2026-12-07T02:00:00Z cron 0 3 * * *",
          changed.version() + " 2026-12-07T03:00:00Z cron 0 4 * * *");

      long run = store.claimFiring(firing("a", false)).orElseThrow().runId().orElseThrow();
      assertThat(store.triggerRunDetail(run).orElseThrow().steps()).isEmpty();
      var steps = JsonNodeFactory.instance.arrayNode();
      steps.addObject().put("name", "validation").put("status", "succeeded");
      store.recordTriggerSteps(run, steps);
      assertThat(store.triggerRunDetail(run).orElseThrow().steps()).isEqualTo(steps);
    }
  }
}
