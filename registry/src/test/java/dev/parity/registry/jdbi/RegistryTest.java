package dev.parity.registry.jdbi;

import static dev.parity.registry.jdbi.Definitions.entity;
import static dev.parity.registry.jdbi.Definitions.service;
import static dev.parity.registry.jdbi.Definitions.source;
import static dev.parity.registry.jdbi.Definitions.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.online.testing.MutableClock;
import dev.parity.registry.ApplySummary;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.DefinitionRef;
import dev.parity.registry.HistoryEntry;
import dev.parity.registry.Registry;
import dev.parity.registry.RegistryConflictException;
import dev.parity.registry.RegistryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Registry behaviour, run with the same code on H2 and on a real PostgreSQL. */
class RegistryTest {
  private static final String PROJECT = "rides";
  private static final Instant T0 = Instant.parse("2026-01-31T00:00:00Z");

  private static final DefinitionRecord DRIVER = entity("driver");
  private static final DefinitionRecord STATS = source("driver_stats", "data/driver_stats");
  private static final DefinitionRecord HOURLY = view("hourly", "driver_stats", "driver", "conv_rate");
  private static final DefinitionRecord RANKING = service("ranking", "hourly");

  private final MutableClock clock = new MutableClock(T0);

  private static DefinitionRef ref(DefinitionRecord record) {
    return record.ref();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void appliesObjectsAndReadsThemBack(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      assertThat(registry.revision(PROJECT)).isZero();

      ApplySummary summary = registry.apply(PROJECT, 0, List.of(RANKING, HOURLY, STATS, DRIVER));

      assertThat(summary).isEqualTo(new ApplySummary(4, 0, 0, 0, 1));
      assertThat(registry.revision(PROJECT)).isEqualTo(1);
      assertThat(registry.current(PROJECT)).containsExactly(DRIVER, STATS, HOURLY, RANKING);
      assertThat(registry.current(PROJECT, DefinitionKind.FEATURE_VIEW)).containsExactly(HOURLY);
      assertThat(registry.current(PROJECT, ref(HOURLY))).contains(HOURLY);
      assertThat(registry.atVersion(PROJECT, ref(HOURLY), HOURLY.version())).contains(HOURLY);
      assertThat(registry.history(PROJECT, ref(HOURLY)))
          .containsExactly(new HistoryEntry(1, HOURLY.version(), T0, false));
      assertThat(registry.current("other-project")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void keepsVersionsOfUnchangedObjectsAndMarksAbsentOnesRemoved(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      registry.apply(PROJECT, 0, List.of(DRIVER, STATS, HOURLY, RANKING));
      DefinitionRecord hourly2 = view("hourly", "driver_stats", "driver", "log1p(conv_rate)");
      DefinitionRecord daily = view("daily", "driver_stats", "driver", "trips");
      Instant t1 = clock.advance(Duration.ofHours(1));

      ApplySummary summary = registry.apply(PROJECT, 1, List.of(DRIVER, STATS, hourly2, daily));

      assertThat(summary).isEqualTo(new ApplySummary(1, 1, 1, 2, 2));
      assertThat(registry.current(PROJECT)).containsExactly(DRIVER, STATS, daily, hourly2);
      assertThat(registry.history(PROJECT, ref(DRIVER)))
          .containsExactly(new HistoryEntry(1, DRIVER.version(), T0, false));
      assertThat(registry.history(PROJECT, ref(HOURLY))).containsExactly(
          new HistoryEntry(1, HOURLY.version(), T0, false), new HistoryEntry(2, hourly2.version(), t1, false));
      assertThat(registry.history(PROJECT, ref(RANKING))).containsExactly(
          new HistoryEntry(1, RANKING.version(), T0, false), new HistoryEntry(2, RANKING.version(), t1, true));
      // Removed and superseded versions stay readable: training sets reference them.
      assertThat(registry.current(PROJECT, ref(RANKING))).isEmpty();
      assertThat(registry.atVersion(PROJECT, ref(RANKING), RANKING.version())).contains(RANKING);
      assertThat(registry.atVersion(PROJECT, ref(HOURLY), HOURLY.version())).contains(HOURLY);
      assertThat(registry.atRevision(PROJECT, ref(RANKING), 1)).contains(RANKING);
      assertThat(registry.atRevision(PROJECT, ref(RANKING), 2)).isEmpty();
      assertThat(registry.atRevision(PROJECT, ref(daily), 1)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void reAddingARemovedObjectReusesItsStoredVersion(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      registry.apply(PROJECT, 0, List.of(DRIVER, STATS));
      registry.apply(PROJECT, 1, List.of(DRIVER));

      ApplySummary summary = registry.apply(PROJECT, 2, List.of(DRIVER, STATS));

      assertThat(summary).isEqualTo(new ApplySummary(1, 0, 0, 1, 3));
      assertThat(registry.history(PROJECT, ref(STATS))).extracting(HistoryEntry::revision, HistoryEntry::removed)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, false), org.assertj.core.groups.Tuple.tuple(2L, true),
              org.assertj.core.groups.Tuple.tuple(3L, false));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void applyingTheSameDefinitionsAgainChangesNothing(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      registry.apply(PROJECT, 0, List.of(DRIVER, STATS));

      ApplySummary summary = registry.apply(PROJECT, 1, List.of(STATS, DRIVER));

      assertThat(summary).isEqualTo(new ApplySummary(0, 0, 0, 2, 1));
      assertThat(summary.changedAnything()).isFalse();
      assertThat(registry.revision(PROJECT)).isEqualTo(1);
      assertThat(registry.history(PROJECT, ref(DRIVER))).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rejectsAnApplyPlannedAgainstAnOldRevisionAndWritesNothing(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      registry.apply(PROJECT, 0, List.of(DRIVER));
      registry.apply(PROJECT, 1, List.of(DRIVER, STATS));

      assertThatThrownBy(() -> registry.apply(PROJECT, 1, List.of(HOURLY, STATS, DRIVER)))
          .isInstanceOf(RegistryConflictException.class)
          .hasMessage("the registry changed since you planned: revision 2 of project 'rides' is current, "
              + "you planned against 1; run plan again");
      assertThatThrownBy(() -> registry.apply("new-project", 3, List.of(DRIVER)))
          .isInstanceOf(RegistryConflictException.class).hasMessageContaining("revision 0");

      assertThat(registry.revision(PROJECT)).isEqualTo(2);
      assertThat(registry.current(PROJECT)).containsExactly(DRIVER, STATS);
      assertThat(registry.history(PROJECT, ref(HOURLY))).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void keepsTheWholeHistoryOverManyApplies(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      List<DefinitionRecord> versions = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        DefinitionRecord hourly = view("hourly", "driver_stats", "driver", "conv_rate * " + i);
        versions.add(hourly);
        clock.advance(Duration.ofMinutes(1));
        assertThat(registry.apply(PROJECT, i, List.of(DRIVER, STATS, hourly)).revision()).isEqualTo(i + 1);
      }

      List<HistoryEntry> history = registry.history(PROJECT, ref(HOURLY));
      assertThat(history).hasSize(60);
      assertThat(history).extracting(HistoryEntry::version)
          .containsExactlyElementsOf(versions.stream().map(DefinitionRecord::version).toList());
      assertThat(history.get(59).appliedAt()).isEqualTo(T0.plus(Duration.ofMinutes(60)));
      assertThat(registry.atRevision(PROJECT, ref(HOURLY), 31)).contains(versions.get(30));
      assertThat(registry.atVersion(PROJECT, ref(HOURLY), versions.get(7).version())).contains(versions.get(7));
      assertThat(registry.atRevision(PROJECT, ref(DRIVER), 45)).contains(DRIVER);
      assertThat(registry.history(PROJECT, ref(DRIVER))).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void findsTheCurrentServicesThatUseAView(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      DefinitionRecord daily = view("daily", "driver_stats", "driver", "trips");
      DefinitionRecord both = service("both", "hourly", "daily");
      registry.apply(PROJECT, 0, List.of(DRIVER, STATS, HOURLY, daily, RANKING, both));

      assertThat(registry.servicesUsing(PROJECT, ref(HOURLY))).containsExactly("both", "ranking");
      assertThat(registry.servicesUsing(PROJECT, ref(daily))).containsExactly("both");

      registry.apply(PROJECT, 1, List.of(DRIVER, STATS, HOURLY, daily, service("both", "daily")));
      assertThat(registry.servicesUsing(PROJECT, ref(HOURLY))).isEmpty();
      assertThat(registry.current(PROJECT, new DefinitionRef(DefinitionKind.FEATURE_SERVICE, "both")).orElseThrow()
          .dependsOn()).containsExactly(ref(daily));
      assertThatThrownBy(() -> registry.servicesUsing(PROJECT, ref(STATS)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source driver_stats");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void exactlyOneOfConcurrentAppliesFromTheSameBaseWins(Backend backend) throws Exception {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      registry.apply(PROJECT, 0, List.of(DRIVER, STATS));
      int writers = 6;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<ApplySummary>> results = new ArrayList<>();
      List<List<DefinitionRecord>> plans = new ArrayList<>();
      try {
        for (int i = 0; i < writers; i++) {
          List<DefinitionRecord> plan = new ArrayList<>(List.of(DRIVER, STATS));
          for (int v = 0; v < 5; v++) {
            plan.add(view("view" + v, "driver_stats", "driver", "writer " + i));
          }
          plans.add(plan);
          Callable<ApplySummary> apply = () -> {
            start.await();
            return registry.apply(PROJECT, 1, plan);
          };
          results.add(pool.submit(apply));
        }
        start.countDown();
        int winner = -1;
        int conflicts = 0;
        for (int i = 0; i < writers; i++) {
          try {
            assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(new ApplySummary(5, 0, 0, 2, 2));
            assertThat(winner).as("only one apply may succeed").isEqualTo(-1);
            winner = i;
          } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RegistryConflictException.class)
                .hasMessageContaining("revision 2").hasMessageContaining("planned against 1");
            conflicts++;
          }
        }
        assertThat(winner).isNotNegative();
        assertThat(conflicts).isEqualTo(writers - 1);
        assertThat(registry.revision(PROJECT)).isEqualTo(2);
        assertThat(registry.current(PROJECT)).containsExactlyInAnyOrderElementsOf(plans.get(winner));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void registersTriggersWithTheServiceTheyNameAndVersionsThemLikeOtherObjects(Backend backend) {
    DefinitionRecord nightly = Definitions.trigger("nightly", "ranking", "0 3 * * *");
    DefinitionRecord moved = Definitions.trigger("nightly", "ranking", "0 4 * * *");
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      registry.apply(PROJECT, 0, List.of(RANKING, HOURLY, STATS, DRIVER, nightly));
      assertThat(registry.current(PROJECT, DefinitionKind.TRIGGER)).containsExactly(nightly);
      assertThat(registry.current(PROJECT, ref(nightly)).orElseThrow().dependsOn()).containsExactly(ref(RANKING));

      clock.advance(Duration.ofHours(1));
      assertThat(registry.apply(PROJECT, 1, List.of(RANKING, HOURLY, STATS, DRIVER, moved)))
          .isEqualTo(new ApplySummary(0, 1, 0, 4, 2));
      assertThat(registry.apply(PROJECT, 2, List.of(RANKING, HOURLY, STATS, DRIVER)))
          .isEqualTo(new ApplySummary(0, 0, 1, 4, 3));
      assertThat(registry.current(PROJECT, DefinitionKind.TRIGGER)).isEmpty();
      assertThat(registry.history(PROJECT, ref(nightly))).extracting(e -> e.version() + " " + e.removed())
          .containsExactly(nightly.version() + " false", moved.version() + " false", moved.version() + " true");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rejectsADifferentDefinitionUnderAStoredVersion(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      registry.apply(PROJECT, 0, List.of(DRIVER));
      DefinitionRecord forged = new DefinitionRecord(DefinitionKind.SOURCE, "driver_stats", STATS.version(), "{}");
      registry.apply(PROJECT, 1, List.of(DRIVER, STATS));
      registry.apply(PROJECT, 2, List.of(DRIVER));

      assertThatThrownBy(() -> registry.apply(PROJECT, 3, List.of(DRIVER, forged)))
          .isInstanceOf(RegistryException.class).hasMessageContaining("already stored with a different definition");
      assertThat(registry.revision(PROJECT)).isEqualTo(3);
      assertThat(registry.current(PROJECT)).containsExactly(DRIVER);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rejectsAnObjectListedTwice(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      DefinitionRecord other = view("hourly", "driver_stats", "driver", "other");
      assertThatThrownBy(() -> registry.apply(PROJECT, 0, List.of(HOURLY, other)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature_view hourly appears more than once");
      assertThat(registry.revision(PROJECT)).isZero();
    }
  }
}
