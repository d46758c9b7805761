package dev.parity.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parity.definitions.DefinitionError;
import dev.parity.definitions.DefinitionException;
import dev.parity.definitions.ObjectKey;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.plan.ObjectChange;
import dev.parity.definitions.plan.ObjectChange.Action;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRef;
import dev.parity.registry.HistoryEntry;
import dev.parity.registry.Registry;
import dev.parity.registry.RegistryConflictException;
import dev.parity.registry.jdbi.RegistryDatabase;
import dev.parity.server.testing.SampleRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RepositoryServiceTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);
  private static final DefinitionRef HOURLY = new DefinitionRef(DefinitionKind.FEATURE_VIEW, "driver_hourly_stats");
  private static final String TRANSFORM = "log1p(avg_daily_trips)";
  private static final String NEW_TRANSFORM = "log(avg_daily_trips + 1)";

  @TempDir Path temp;

  @ParameterizedTest
  @EnumSource(RegistryBackend.class)
  void appliesTheExamplesThenPlansNoChanges(RegistryBackend backend) {
    RepositoryService service = service(backend);
    Path repo = SampleRepository.create(temp.resolve("drivers"));

    PlannedApply first = service.plan(repo);
    assertThat(first.baseRevision()).isZero();
    assertThat(first.plan().changes()).extracting(ObjectChange::action).containsOnly(Action.ADDED).hasSize(11);

    AppliedChanges applied = service.apply(repo);
    assertThat(applied.summary().added()).isEqualTo(11);
    assertThat(applied.summary().revision()).isEqualTo(1);
    assertThat(applied.render()).endsWith(
        "Applied revision 1 of project 'default': 11 added, 0 changed, 0 removed, 0 unchanged.\n");

    PlannedApply again = service.plan(repo);
    assertThat(again.render()).isEqualTo("No changes.\n");
    assertThat(again.baseRevision()).isEqualTo(1);
    assertThat(service.apply(repo).render()).isEqualTo("No changes. Project 'default' stays at revision 1.\n");
    // The default registry is an H2 file inside the repository; PARITY_REGISTRY_URL replaces it.
    assertThat(Files.exists(repo.resolve(".parity/registry.mv.db"))).isEqualTo(backend == RegistryBackend.H2);
  }

  @ParameterizedTest
  @EnumSource(RegistryBackend.class)
  void registersWhatEachObjectUses(RegistryBackend backend) {
    RepositoryService service = service(backend);
    Path repo = SampleRepository.create(temp.resolve("drivers"));
    service.apply(repo);

    withRegistry(service, repo, registry -> {
      assertThat(registry.current("default", HOURLY).orElseThrow().dependsOn()).containsExactlyInAnyOrder(
          new DefinitionRef(DefinitionKind.ENTITY, "driver"), new DefinitionRef(DefinitionKind.SOURCE, "driver_stats"));
      assertThat(registry.current("default", new DefinitionRef(DefinitionKind.ON_DEMAND_FEATURE_VIEW, "driver_adjusted"))
          .orElseThrow().dependsOn()).containsExactly(HOURLY);
      assertThat(registry.current("default", new DefinitionRef(DefinitionKind.FEATURE_SERVICE, "driver_ranking_v1"))
          .orElseThrow().dependsOn()).containsExactlyInAnyOrder(HOURLY,
              new DefinitionRef(DefinitionKind.FEATURE_VIEW, "driver_activity"),
              new DefinitionRef(DefinitionKind.ON_DEMAND_FEATURE_VIEW, "driver_adjusted"));
      assertThat(registry.servicesUsing("default", HOURLY)).containsExactly("driver_ranking_v1", "trip_acceptance_v1");
      return null;
    });
  }

  @ParameterizedTest
  @EnumSource(RegistryBackend.class)
  void changingATransformChangesTheViewAndWhatUsesItAndKeepsTheOldVersion(RegistryBackend backend) {
    RepositoryService service = service(backend);
    Path repo = SampleRepository.create(temp.resolve("drivers"));
    service.apply(repo);
    String oldVersion = withRegistry(service, repo, r -> r.current("default", HOURLY).orElseThrow().version());

    SampleRepository.edit(repo, SampleRepository.DEFINITIONS, TRANSFORM, NEW_TRANSFORM);
    PlannedApply planned = service.plan(repo);

    assertThat(planned.plan().withAction(Action.CHANGED)).extracting(ObjectChange::key).containsExactly(
        new ObjectKey(ObjectKind.FEATURE_VIEW, "driver_hourly_stats"),
        // driver_adjusted reads driver_hourly_stats.conv_rate: its version embeds the view's.
        new ObjectKey(ObjectKind.ON_DEMAND_FEATURE_VIEW, "driver_adjusted"),
        new ObjectKey(ObjectKind.FEATURE_SERVICE, "driver_ranking_v1"),
        new ObjectKey(ObjectKind.FEATURE_SERVICE, "trip_acceptance_v1"));
    assertThat(planned.plan().withAction(Action.UNCHANGED)).hasSize(7);
    ObjectChange view = planned.plan().withAction(Action.CHANGED).get(0);
    assertThat(view.fields()).extracting(f -> f.path()).containsExactly("features[trips_log].expr");
    planned.plan().withAction(Action.CHANGED).stream().skip(1).forEach(change -> {
      assertThat(change.ownChanges()).isEmpty();
      assertThat(change.changedDependencies()).contains("driver_hourly_stats");
    });
    assertThat(planned.render()).contains("~ feature_view driver_hourly_stats  features[trips_log].expr: ")
        .contains("Plan: 0 to add, 4 to change, 0 to remove, 7 unchanged.");

    AppliedChanges applied = withRegistry(service, repo, registry -> service.apply(planned, registry));
    assertThat(applied.summary().changed()).isEqualTo(4);
    assertThat(applied.summary().revision()).isEqualTo(2);

    withRegistry(service, repo, registry -> {
      List<HistoryEntry> history = registry.history("default", HOURLY);
      assertThat(history).extracting(HistoryEntry::revision, HistoryEntry::removed)
          .containsExactly(tuple(1L, false), tuple(2L, false));
      assertThat(history.get(0).version()).isEqualTo(oldVersion);
      String newVersion = registry.current("default", HOURLY).orElseThrow().version();
      assertThat(newVersion).isNotEqualTo(oldVersion).isEqualTo(history.get(1).version());
      assertThat(registry.atVersion("default", HOURLY, oldVersion).orElseThrow().canonicalJson())
          .contains("log1p").doesNotContain("log(");
      assertThat(registry.atRevision("default", HOURLY, 1).orElseThrow().version()).isEqualTo(oldVersion);
      return null;
    });
    assertThat(service.plan(repo).render()).isEqualTo("No changes.\n");
  }

  @ParameterizedTest
  @EnumSource(RegistryBackend.class)
  void removingAViewMarksItRemovedAndKeepsItReadable(RegistryBackend backend) {
    RepositoryService service = service(backend);
    Path repo = SampleRepository.create(temp.resolve("drivers"));
    SampleRepository.write(repo, "extra.yaml", List.of(
        "feature_views:",
        "  - name: driver_extra",
        "    entities: [driver]",
        "    source: driver_stats",
        "    features:",
        "      - { name: acc_rate, type: float64 }"));
    service.apply(repo);
    DefinitionRef extra = new DefinitionRef(DefinitionKind.FEATURE_VIEW, "driver_extra");
    String version = withRegistry(service, repo, r -> r.current("default", extra).orElseThrow().version());

    deleteFile(repo.resolve("extra.yaml"));
    PlannedApply planned = service.plan(repo);
    assertThat(planned.render()).isEqualTo(
        "- feature_view driver_extra\n\nPlan: 0 to add, 0 to change, 1 to remove, 11 unchanged.\n");
    assertThat(service.apply(repo).summary().removed()).isEqualTo(1);

    withRegistry(service, repo, registry -> {
      assertThat(registry.current("default", extra)).isEmpty();
      assertThat(registry.current("default")).hasSize(11);
      assertThat(registry.history("default", extra)).extracting(HistoryEntry::revision, HistoryEntry::removed)
          .containsExactly(tuple(1L, false), tuple(2L, true));
      assertThat(registry.atVersion("default", extra, version)).isPresent();
      return null;
    });
  }

  @ParameterizedTest
  @EnumSource(RegistryBackend.class)
  void anInvalidRepositoryRegistersNothingAndListsEveryError(RegistryBackend backend) {
    RepositoryService service = service(backend);
    Path repo = SampleRepository.create(temp.resolve("drivers"));
    SampleRepository.write(repo, "broken.yaml", SampleRepository.BROKEN);

    assertThatThrownBy(() -> service.apply(repo))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.errors())
            .extracting(DefinitionError::file, DefinitionError::line)
            .containsExactly(tuple("broken.yaml", 4), tuple("broken.yaml", 11), tuple("broken.yaml", 12)));
    assertThatThrownBy(() -> service.validate(repo)).isInstanceOf(DefinitionException.class)
        .hasMessageContaining("driver_stat").hasMessageContaining("vehicle_type").hasMessageContaining("no_such_column");

    deleteFile(repo.resolve("broken.yaml"));
    withRegistry(service, repo, registry -> {
      assertThat(registry.revision("default")).isZero();
      assertThat(registry.current("default")).isEmpty();
      return null;
    });
  }

  @ParameterizedTest
  @EnumSource(RegistryBackend.class)
  void concurrentAppliesOfOnePlanLetExactlyOneWin(RegistryBackend backend) throws Exception {
    RepositoryService service = service(backend);
    Path repo = SampleRepository.create(temp.resolve("drivers"));
    service.apply(repo);
    SampleRepository.edit(repo, SampleRepository.DEFINITIONS, TRANSFORM, NEW_TRANSFORM);
    PlannedApply planned = service.plan(repo);

    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<AppliedChanges>> results = new ArrayList<>();
    try (RegistryDatabase one = service.openRegistry(service.load(repo));
        RegistryDatabase two = service.openRegistry(service.load(repo))) {
      for (RegistryDatabase database : List.of(one, two)) {
        Callable<AppliedChanges> apply = () -> {
          start.await(30, TimeUnit.SECONDS);
          return service.apply(planned, database.registry(CLOCK));
        };
        results.add(threads.submit(apply));
      }
      List<AppliedChanges> won = new ArrayList<>();
      List<Throwable> lost = new ArrayList<>();
      for (Future<AppliedChanges> result : results) {
        try {
          won.add(result.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          lost.add(e.getCause());
        }
      }
      assertThat(won).hasSize(1);
      assertThat(won.get(0).summary().revision()).isEqualTo(2);
      assertThat(lost).singleElement().isInstanceOfSatisfying(RegistryConflictException.class, conflict -> {
        assertThat(conflict.currentRevision()).isEqualTo(2);
        assertThat(conflict.expectedRevision()).isEqualTo(1);
        assertThat(conflict).hasMessageContaining("run plan again");
      });
      assertThat(one.registry(CLOCK).history("default", HOURLY)).hasSize(2);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void validateCountsTheObjectsOfEachKind() {
    RepositoryService service = service(RegistryBackend.H2);
    Path repo = SampleRepository.create(temp.resolve("drivers"));

    assertThat(service.validate(repo)).isEqualTo(new RepositorySummary(2, 3, 3, 1, 2));
    assertThat(service.validate(repo).render())
        .isEqualTo("OK: 2 entities, 3 sources, 3 feature views, 1 on-demand view, 2 feature services");
    // Validation is offline: no registry is created.
    assertThat(repo.resolve(".parity")).doesNotExist();
  }

  @Test
  void checksFeaturesAgainstTheSchemasOfTheGeneratedFiles() {
    RepositoryService service = service(RegistryBackend.H2);
    Path repo = SampleRepository.create(temp.resolve("drivers"));
    SampleRepository.edit(repo, SampleRepository.DEFINITIONS, "{ name: vehicle_type, type: string }",
        "{ name: vehicle_type, type: float64 }");

    assertThatThrownBy(() -> service.validate(repo)).isInstanceOfSatisfying(DefinitionException.class,
        e -> assertThat(e.errors()).singleElement().satisfies(error -> {
          assertThat(error.file()).isEqualTo(SampleRepository.DEFINITIONS);
          assertThat(error.message()).contains("vehicle_type").contains("string");
        }));
  }

  @Test
  void rejectsAPathThatIsNotADirectory() {
    RepositoryService service = service(RegistryBackend.H2);
    Path missing = temp.resolve("missing");

    assertThatThrownBy(() -> service.plan(missing)).isInstanceOf(RepositoryNotFoundException.class)
        .hasMessage("no feature repository at " + missing + ": not a directory");
  }

  private static RepositoryService service(RegistryBackend backend) {
    return new RepositoryService(new ParquetSchemaResolver(), backend.environment(), CLOCK);
  }

  /** Runs {@code read} on the repository's registry, opened for the call. */
  private static <T> T withRegistry(RepositoryService service, Path repo, Function<Registry, T> read) {
    try (RegistryDatabase database = service.openRegistry(service.load(repo))) {
      return read.apply(database.registry(CLOCK));
    }
  }

  private static void deleteFile(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
