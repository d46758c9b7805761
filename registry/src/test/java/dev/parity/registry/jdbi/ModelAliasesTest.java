package dev.parity.registry.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parity.definitions.GateResult;
import dev.parity.definitions.ModelGate;
import dev.parity.definitions.ModelPolicy;
import dev.parity.online.testing.MutableClock;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.RegistryException;
import dev.parity.registry.VersionedRef;
import dev.parity.registry.metadata.DecisionAction;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.MetricObservation;
import dev.parity.registry.metadata.ModelDecision;
import dev.parity.registry.metadata.ModelNotFoundException;
import dev.parity.registry.metadata.ModelVersionDetail;
import dev.parity.registry.metadata.ModelVersionExistsException;
import dev.parity.registry.metadata.PromotionRefusedException;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.TrainingSet;
import dev.parity.registry.metadata.TrainingSetInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Model versions, metric observations, aliases, gates and rollback, on H2 and PostgreSQL. */
class ModelAliasesTest {
  private static final String PROJECT = "rides";
  private static final Instant T0 = Instant.parse("2026-01-31T00:00:00Z");
  private static final ModelPolicy GATES = new ModelPolicy("eta",
      List.of(ModelGate.parse("auc >= 0.80"), ModelGate.parse("auc >= champion - 0.005"),
          ModelGate.parse("latency_p99_ms <= champion * 1.1")), List.of("champion"));

  private final MutableClock clock = new MutableClock(T0);

  private static long trainingSet(MetadataStore store) {
    return store.recordTrainingSet(new TrainingSet(PROJECT, "sha256:entities", Optional.empty(),
        List.of(new VersionedRef(DefinitionKind.FEATURE_VIEW, "hourly", Definitions.sha256("v1"))), 1,
        Optional.empty(), "/out/train.parquet", 10, JsonNodeFactory.instance.objectNode())).id();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void registersAVersionWithArtifactAndKeepsEveryMetricObservation(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      long set = trainingSet(store);
      ModelVersionDetail v1 = store.registerModelVersion(PROJECT, "eta", "1", set, Optional.of("s3://m/eta/1"),
          Map.of("auc", 0.81));
      assertThat(v1.artifactUri()).contains("s3://m/eta/1");
      assertThat(v1.version().value().trainingSetId()).isEqualTo(set);
      assertThat(v1.observations()).containsExactly(new MetricObservation("auc", 0.81, T0));

      store.observeMetrics(PROJECT, "eta", "1", List.of(new MetricObservation("auc", 0.78, T0.plusSeconds(3600))));
      ModelVersionDetail later = store.modelVersionDetails(PROJECT, "eta").get(0);
      assertThat(later.observations()).extracting(MetricObservation::value).containsExactly(0.81, 0.78);
      assertThat(later.latestMetrics()).isEqualTo(Map.of("auc", 0.78));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void namesTheMissingTrainingSetModelAndVersion(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      long set = trainingSet(store);
      assertThatThrownBy(() -> store.registerModelVersion(PROJECT, "eta", "1", 777, Optional.empty(), Map.of()))
          .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("training set 777 does not exist");
      store.registerModelVersion(PROJECT, "eta", "1", set, Optional.empty(), Map.of());
      assertThatThrownBy(() -> store.registerModelVersion(PROJECT, "eta", "1", set, Optional.empty(), Map.of()))
          .isInstanceOf(RegistryException.class).isNotInstanceOf(ModelNotFoundException.class)
          .hasMessageContaining("already registered");
      assertThatThrownBy(() -> store.observeMetrics(PROJECT, "eta", "9", List.of(new MetricObservation("auc", 1, T0))))
          .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("model eta has no version 9");
      assertThatThrownBy(() -> store.promoteAlias(PROJECT, "nope", "1", "champion", "cli", ModelPolicy.defaults("n")))
          .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("model nope is not registered");
      assertThatThrownBy(() -> store.promoteAlias(PROJECT, "eta", "9", "champion", "cli", GATES))
          .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("no version 9");
      assertThatThrownBy(() -> store.rollbackAlias(PROJECT, "eta", "champion", "cli"))
          .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("holds alias 'champion'");
      assertThatThrownBy(() -> store.promoteAlias(PROJECT, "eta", "1", "Bad Alias", "cli", GATES))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid alias 'Bad Alias'");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void gatesAcceptAndRefuseByValueAndChangeThresholdsAndRecordEveryDecision(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      long set = trainingSet(store);
      store.registerModelVersion(PROJECT, "eta", "1", set, Optional.empty(), Map.of("auc", 0.79,
          "latency_p99_ms", 10.0));
      store.registerModelVersion(PROJECT, "eta", "2", set, Optional.empty(), Map.of("auc", 0.85,
          "latency_p99_ms", 10.0));
      store.registerModelVersion(PROJECT, "eta", "3", set, Optional.empty(), Map.of("auc", 0.846,
          "latency_p99_ms", 12.0));
      store.registerModelVersion(PROJECT, "eta", "4", set, Optional.empty(), Map.of("auc", 0.846));

      assertThatThrownBy(() -> store.promoteAlias(PROJECT, "eta", "1", "champion", "alice", GATES))
          .isInstanceOfSatisfying(PromotionRefusedException.class, e -> assertThat(
              e.decision().orElseThrow().value().failedGates()).extracting(GateResult::gate)
              .containsExactly("auc >= 0.8"))
          .hasMessageContaining("auc >= 0.8 failed (auc = 0.79 not >= 0.8)");

      clock.advance(Duration.ofMinutes(1));
      Recorded<ModelDecision> first = store.promoteAlias(PROJECT, "eta", "2", "champion", "alice", GATES);
      assertThat(first.value().accepted()).isTrue();
      assertThat(first.value().gates()).extracting(GateResult::detail).contains(
          "no baseline: no version holds the champion alias");

      // 0.846 is within 0.005 of 0.85, but 12 ms is more than 10 ms * 1.1.
      assertThatThrownBy(() -> store.promoteAlias(PROJECT, "eta", "3", "champion", "bob", GATES))
          .isInstanceOf(PromotionRefusedException.class)
          .hasMessageContaining("latency_p99_ms <= champion * 1.1 failed")
          .hasMessageNotContaining("auc >= champion");
      assertThatThrownBy(() -> store.promoteAlias(PROJECT, "eta", "4", "champion", "bob", GATES))
          .isInstanceOf(PromotionRefusedException.class)
          .hasMessageContaining("the candidate has no metric 'latency_p99_ms'");
      assertThat(store.modelAliases(PROJECT, "eta")).isEqualTo(Map.of("champion", "2"));

      // Production shows version 3 as fast as the champion: the latest observation counts.
      store.observeMetrics(PROJECT, "eta", "3", List.of(new MetricObservation("latency_p99_ms", 10.5, T0)));
      clock.advance(Duration.ofMinutes(1));
      store.promoteAlias(PROJECT, "eta", "3", "champion", "bob", GATES);
      assertThat(store.modelAliases(PROJECT, "eta")).isEqualTo(Map.of("champion", "3"));

      assertThat(store.modelDecisions(PROJECT, "eta")).extracting(d -> d.value().version(),
              d -> d.value().accepted(), d -> d.value().principal(), d -> d.value().previousVersion())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("1", false, "alice", Optional.empty()),
              org.assertj.core.groups.Tuple.tuple("2", true, "alice", Optional.empty()),
              org.assertj.core.groups.Tuple.tuple("3", false, "bob", Optional.of("2")),
              org.assertj.core.groups.Tuple.tuple("4", false, "bob", Optional.of("2")),
              org.assertj.core.groups.Tuple.tuple("3", true, "bob", Optional.of("2")));
      Recorded<ModelDecision> last = store.modelDecisions(PROJECT, "eta").get(4);
      assertThat(last.value().decidedAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
      assertThat(last.value().metrics()).isEqualTo(Map.of("auc", 0.846, "latency_p99_ms", 10.5));
      assertThat(last.value().gates()).hasSize(3).allMatch(GateResult::passed);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rollbackMovesTheAliasBackToThePreviousHolderAndIsRecorded(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      long set = trainingSet(store);
      ModelPolicy none = ModelPolicy.defaults("eta");
      for (String v : List.of("1", "2")) {
        store.registerModelVersion(PROJECT, "eta", v, set, Optional.empty(), Map.of("auc", 0.8));
      }
      store.promoteAlias(PROJECT, "eta", "1", "champion", "cli", none);
      clock.advance(Duration.ofSeconds(1));
      store.promoteAlias(PROJECT, "eta", "2", "champion", "cli", none);
      clock.advance(Duration.ofSeconds(1));

      Recorded<ModelDecision> back = store.rollbackAlias(PROJECT, "eta", "champion", "carol");
      assertThat(back.value().action()).isEqualTo(DecisionAction.ROLLBACK);
      assertThat(back.value().version()).isEqualTo("1");
      assertThat(back.value().previousVersion()).contains("2");
      assertThat(store.modelAliases(PROJECT, "eta")).isEqualTo(Map.of("champion", "1"));
      assertThat(store.modelDecisions(PROJECT, "eta")).last().extracting(d -> d.value().principal())
          .isEqualTo("carol");

      assertThatThrownBy(() -> store.rollbackAlias(PROJECT, "eta", "champion", "carol"))
          .isInstanceOf(PromotionRefusedException.class).hasMessageContaining("no previous holder");
      assertThat(store.modelAliases(PROJECT, "eta")).isEqualTo(Map.of("champion", "1"));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void concurrentPromotionsOfOneModelSerialiseSoEachComparesWithTheChampionTheOtherLeft(Backend backend)
      throws Exception {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      long set = trainingSet(store);
      // Each candidate beats nothing but the empty champion: whichever goes second must see the
      // first one as champion and be refused by the change threshold.
      ModelPolicy strictlyBetter = new ModelPolicy("eta", List.of(ModelGate.parse("auc > champion")), List.of());
      int candidates = 6;
      for (int i = 0; i < candidates; i++) {
        store.registerModelVersion(PROJECT, "eta", "v" + i, set, Optional.empty(), Map.of("auc", 0.9));
      }
      ExecutorService pool = Executors.newFixedThreadPool(candidates);
      try {
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
          String version = "v" + i;
          tasks.add(() -> {
            try {
              store.promoteAlias(PROJECT, "eta", version, "champion", "cli", strictlyBetter);
              return true;
            } catch (PromotionRefusedException refused) {
              return false;
            }
          });
        }
        int accepted = 0;
        for (Future<Boolean> result : pool.invokeAll(tasks)) {
          accepted += result.get() ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.modelDecisions(PROJECT, "eta")).hasSize(candidates)
          .filteredOn(d -> d.value().accepted()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void registeringOneVersionConcurrentlyRecordsItOnceAndRefusesTheOthersNamingIt(Backend backend) throws Exception {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      long set = trainingSet(store);
      int callers = 4;
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      try {
        // Rounds on fresh model names: the first registration of a model also races on the model's
        // row, later ones only on the version's.
        for (int round = 0; round < 10; round++) {
          String model = "race" + round;
          CyclicBarrier start = new CyclicBarrier(callers);
          List<Callable<String>> tasks = new ArrayList<>();
          for (int i = 0; i < callers; i++) {
            tasks.add(() -> {
              start.await();
              try {
                store.registerModelVersion(PROJECT, model, "1", set, Optional.empty(), Map.of("auc", 0.9));
                return "registered";
              } catch (ModelVersionExistsException exists) {
                return exists.getMessage();
              }
            });
          }
          List<String> outcomes = new ArrayList<>();
          for (Future<String> outcome : pool.invokeAll(tasks)) {
            outcomes.add(outcome.get());
          }
          assertThat(outcomes).as("round %d", round).containsOnlyOnce("registered")
              .filteredOn(o -> !o.equals("registered"))
              .allMatch(o -> o.equals("model " + model + " version 1 is already registered"));
          assertThat(store.modelVersionDetails(PROJECT, model)).hasSize(1);
        }
        // Different versions of a new model at once: each is registered, none refused.
        CyclicBarrier start = new CyclicBarrier(callers);
        List<Callable<ModelVersionDetail>> tasks = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          String version = "v" + i;
          tasks.add(() -> {
            start.await();
            return store.registerModelVersion(PROJECT, "fresh", version, set, Optional.empty(), Map.of());
          });
        }
        for (Future<ModelVersionDetail> outcome : pool.invokeAll(tasks)) {
          outcome.get();
        }
        assertThat(store.modelVersionDetails(PROJECT, "fresh")).hasSize(callers);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recordsTheEventRangeAndSourceFilesATrainingSetReadAndNoneForSetsRecordedWithout(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      TrainingSetInputs inputs = new TrainingSetInputs(Optional.of(T0.minusSeconds(86_400)), Optional.of(T0),
          List.of(new TrainingSetInputs.SourceFile("trips", "data/trips/part-1.parquet", 1234, T0.minusSeconds(60)),
              new TrainingSetInputs.SourceFile("trips", "data/trips/part-0.parquet", 99, T0.minusSeconds(120))));
      long withInputs = store.recordTrainingSet(new TrainingSet(PROJECT, "sha256:entities", Optional.empty(),
          List.of(new VersionedRef(DefinitionKind.FEATURE_VIEW, "hourly", Definitions.sha256("v1"))), 1,
          Optional.empty(), "/out/train.parquet", 10, JsonNodeFactory.instance.objectNode()), inputs).id();
      assertThat(store.trainingSetInputs(withInputs)).contains(inputs);
      assertThat(store.trainingSetInputs(trainingSet(store))).contains(TrainingSetInputs.none());
      assertThat(store.trainingSetInputs(987_654)).isEmpty();
    }
  }
}
