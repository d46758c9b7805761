package dev.parity.registry.jdbi;

import static dev.parity.registry.jdbi.Definitions.entity;
import static dev.parity.registry.jdbi.Definitions.service;
import static dev.parity.registry.jdbi.Definitions.source;
import static dev.parity.registry.jdbi.Definitions.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.online.testing.MutableClock;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.Registry;
import dev.parity.registry.RegistryException;
import dev.parity.registry.VersionedRef;
import dev.parity.registry.metadata.Lineage;
import dev.parity.registry.metadata.MaterializationRun;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.ModelStage;
import dev.parity.registry.metadata.ModelVersion;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.RunCounts;
import dev.parity.registry.metadata.RunKind;
import dev.parity.registry.metadata.RunOwner;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.RunSummary;
import dev.parity.registry.metadata.SkewReport;
import dev.parity.registry.metadata.TrainingSet;
import dev.parity.registry.metadata.TriggerRun;
import dev.parity.registry.metadata.ValidationResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Metadata store behaviour, run with the same code on H2 and on a real PostgreSQL. */
class MetadataStoreTest {
  private static final String PROJECT = "rides";
  private static final Instant T0 = Instant.parse("2026-01-31T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String V1 = Definitions.sha256("v1");
  private static final String V2 = Definitions.sha256("v2");

  private final MutableClock clock = new MutableClock(T0);

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static TrainingSet trainingSet(long revision, VersionedRef service, VersionedRef... views) {
    return new TrainingSet(PROJECT, "sha256:entities", Optional.ofNullable(service), List.of(views), revision,
        Optional.of(T0.minusSeconds(60)), "/out/train.parquet", 1000,
        json("{\"hourly__f\":{\"mean\":0.5,\"null_fraction\":0.0}}"));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recordsAMaterializationFromStartToFinish(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      MaterializationRun started = store.startMaterialization(PROJECT, Map.of("hourly", V1, "daily", V2),
          T0.minus(Duration.ofDays(1)), T0);
      assertThat(started.status()).isEqualTo(RunStatus.RUNNING);
      assertThat(started.startedAt()).isEqualTo(T0);
      assertThat(started.finishedAt()).isEmpty();
      assertThat(started.viewVersions()).isEqualTo(Map.of("hourly", V1, "daily", V2));

      clock.advance(Duration.ofSeconds(90));
      MaterializationRun finished = store.finishMaterialization(started.id(), RunStatus.SUCCEEDED,
          new RunCounts(5000, 100, 100), Optional.empty());

      assertThat(finished).isEqualTo(new MaterializationRun(started.id(), PROJECT, Map.of("hourly", V1, "daily", V2),
          T0.minus(Duration.ofDays(1)), T0, RunStatus.SUCCEEDED, T0, Optional.of(T0.plusSeconds(90)),
          new RunCounts(5000, 100, 100), Optional.of(Duration.ofSeconds(90)), Optional.empty()));
      assertThat(store.materialization(started.id())).contains(finished);
      assertThatThrownBy(() -> store.finishMaterialization(started.id(), RunStatus.FAILED, RunCounts.NONE,
          Optional.of("late"))).isInstanceOf(RegistryException.class).hasMessageContaining("is not running (it is SUCCEEDED)");
      assertThat(store.materialization(999_999)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void findsTheLastSuccessfulMaterializationEndPerView(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      Instant d1 = T0.plus(Duration.ofDays(1));
      Instant d2 = T0.plus(Duration.ofDays(2));
      Instant d3 = T0.plus(Duration.ofDays(3));
      long a = store.startMaterialization(PROJECT, Map.of("hourly", V1, "daily", V1), T0, d1).id();
      store.finishMaterialization(a, RunStatus.SUCCEEDED, RunCounts.NONE, Optional.empty());
      long b = store.startMaterialization(PROJECT, Map.of("hourly", V1), d1, d2).id();
      store.finishMaterialization(b, RunStatus.SUCCEEDED, RunCounts.NONE, Optional.empty());
      long failed = store.startMaterialization(PROJECT, Map.of("hourly", V1, "daily", V1), d2, d3).id();
      store.finishMaterialization(failed, RunStatus.FAILED, RunCounts.NONE, Optional.of("redis down"));
      store.startMaterialization(PROJECT, Map.of("daily", V1), d1, d3);
      store.startMaterialization("other", Map.of("hourly", V1), d2, d3);

      assertThat(store.lastSuccessfulMaterializationEnds(PROJECT)).isEqualTo(Map.of("hourly", d2, "daily", d1));
      assertThat(store.lastSuccessfulMaterializationEnds("nothing-yet")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aPushWatermarkMovesForwardOnlyPerViewAndProject(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      assertThat(store.pushWatermarks(PROJECT)).isEmpty();
      Instant t1 = T0.plusSeconds(60);
      Instant t2 = T0.plusSeconds(120);

      store.advancePushWatermarks(PROJECT, Map.of("hourly", t1, "daily", t2));
      store.advancePushWatermarks(PROJECT, Map.of("hourly", t2, "daily", t1));
      store.advancePushWatermarks("other", Map.of("hourly", T0));

      assertThat(store.pushWatermarks(PROJECT)).isEqualTo(Map.of("hourly", t2, "daily", t2));
      assertThat(store.pushWatermarks("other")).isEqualTo(Map.of("hourly", T0));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void listsRunsNewestFirstWithFiltersAndPages(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      long m1 = store.startMaterialization(PROJECT, Map.of("hourly", V1, "daily", V1), T0, T0).id();
      clock.advance(Duration.ofMinutes(1));
      long t1 = store.startTrigger(PROJECT, "nightly", "cron", "schedule 0 2 * * *").id();
      clock.advance(Duration.ofMinutes(1));
      long m2 = store.startMaterialization(PROJECT, Map.of("hourly", V1), T0, T0).id();
      store.finishMaterialization(m2, RunStatus.SUCCEEDED, RunCounts.NONE, Optional.empty());
      clock.advance(Duration.ofMinutes(1));
      long t2 = store.startTrigger(PROJECT, "drift", "metric", "psi 0.3 > 0.2").id();
      store.startTrigger("other", "nightly", "cron", "schedule");

      RunQuery all = RunQuery.of(PROJECT);
      assertThat(store.runs(all)).extracting(RunSummary::kind, RunSummary::id).containsExactly(
          org.assertj.core.groups.Tuple.tuple(RunKind.TRIGGER, t2),
          org.assertj.core.groups.Tuple.tuple(RunKind.MATERIALIZATION, m2),
          org.assertj.core.groups.Tuple.tuple(RunKind.TRIGGER, t1),
          org.assertj.core.groups.Tuple.tuple(RunKind.MATERIALIZATION, m1));
      assertThat(store.runs(all).get(3).subject()).isEqualTo("daily,hourly");
      assertThat(store.runs(all).get(0).subject()).isEqualTo("drift");
      assertThat(store.runs(all.withPage(2, 1))).extracting(RunSummary::id).containsExactly(m2, t1);
      assertThat(store.runs(all.withKind(RunKind.MATERIALIZATION))).extracting(RunSummary::id).containsExactly(m2, m1);
      assertThat(store.runs(all.withStatus(RunStatus.SUCCEEDED))).extracting(RunSummary::id).containsExactly(m2);
      assertThat(store.runs(all.withStartedBetween(T0.plusSeconds(60), T0.plusSeconds(180))))
          .extracting(RunSummary::id).containsExactly(m2, t1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void interruptsOnlyItsOwnRunsOnShutdownAndAllOnRecovery(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore mine = db.metadata(clock);
      MetadataStore otherProcess = db.metadata(clock);
      long running = mine.startMaterialization(PROJECT, Map.of("hourly", V1), T0, T0).id();
      long done = mine.startMaterialization(PROJECT, Map.of("hourly", V1), T0, T0).id();
      mine.finishMaterialization(done, RunStatus.SUCCEEDED, RunCounts.NONE, Optional.empty());
      long trigger = mine.startTrigger(PROJECT, "nightly", "cron", "schedule").id();
      long foreign = otherProcess.startTrigger(PROJECT, "adhoc", "adhoc", "cli").id();

      assertThat(mine.interruptOwnRuns("server shutting down")).isEqualTo(2);

      assertThat(mine.materialization(running).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
      assertThat(mine.materialization(running).orElseThrow().error()).contains("server shutting down");
      assertThat(mine.materialization(done).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(mine.triggerRun(trigger).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
      assertThat(mine.triggerRun(foreign).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
      assertThat(mine.interruptAllRuns("recovered after crash")).isEqualTo(1);
      assertThat(mine.triggerRun(foreign).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void interruptsTheRunsOfProcessesOfThisHostThatAreGoneAndNoOthers(Backend backend) throws Exception {
    RunOwner here = RunOwner.current();
    assertThat(here.host()).as("this host's name").isNotEmpty();
    long gonePid = finishedProcessPid();
    Optional<Instant> someStart = Optional.of(T0);
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore mine = db.metadata(clock);
      MetadataStore gone = db.metadata(clock, new RunOwner(here.host(), gonePid, someStart));
      // This process's pid, but a process that started at another instant: the pid was reused.
      MetadataStore reusedPid = db.metadata(clock, new RunOwner(here.host(), here.pid(), Optional.of(Instant.EPOCH)));
      MetadataStore otherHost = db.metadata(clock, new RunOwner(here.host() + "-other", gonePid, someStart));
      MetadataStore unknownStart = db.metadata(clock, new RunOwner(here.host(), here.pid(), Optional.empty()));
      MetadataStore unknownHost = db.metadata(clock, new RunOwner("", gonePid, someStart));

      long living = mine.startMaterialization(PROJECT, Map.of("hourly", V1), T0, T0).id();
      long dead = gone.startMaterialization(PROJECT, Map.of("hourly", V1), T0, T0).id();
      long deadFinished = gone.startMaterialization(PROJECT, Map.of("daily", V1), T0, T0).id();
      gone.finishMaterialization(deadFinished, RunStatus.SUCCEEDED, RunCounts.NONE, Optional.empty());
      long deadTrigger = gone.startTrigger(PROJECT, "nightly", "cron", "schedule").id();
      long reused = reusedPid.startMaterialization(PROJECT, Map.of("hourly", V1), T0, T0).id();
      long elsewhere = otherHost.startMaterialization(PROJECT, Map.of("hourly", V1), T0, T0).id();
      long startUnknown = unknownStart.startTrigger(PROJECT, "adhoc", "adhoc", "cli").id();
      long hostUnknown = unknownHost.startMaterialization(PROJECT, Map.of("hourly", V1), T0, T0).id();
      clock.advance(Duration.ofMinutes(5));

      assertThat(mine.interruptRunsOfDeadProcesses()).isEqualTo(3);

      for (long id : List.of(dead, reused)) {
        MaterializationRun run = mine.materialization(id).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(run.finishedAt()).contains(T0.plus(Duration.ofMinutes(5)));
        assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).contains("is gone", "on host " + here.host()));
      }
      assertThat(mine.materialization(dead).orElseThrow().error()).hasValueSatisfying(e -> assertThat(e)
          .isEqualTo("interrupted: the process running it (pid " + gonePid + " on host " + here.host() + ", started "
              + T0 + ") is gone"));
      assertThat(mine.triggerRun(deadTrigger).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
      assertThat(mine.materialization(deadFinished).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
      for (long id : List.of(living, elsewhere, hostUnknown)) {
        assertThat(mine.materialization(id).orElseThrow().status()).as("run %s", id).isEqualTo(RunStatus.RUNNING);
      }
      assertThat(mine.triggerRun(startUnknown).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
      assertThat(mine.interruptRunsOfDeadProcesses()).isZero();
    }
  }

  /** The pid of a process that ran and ended. */
  private static long finishedProcessPid() throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ProcessHandle.of(process.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    return process.pid();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recordsCancelledJobsAndListsThemWithTheRuns(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      long materialization = store.startMaterialization(PROJECT, Map.of("hourly", V1), T0, T0).id();
      clock.advance(Duration.ofMinutes(2));

      RunSummary cancelled = store.recordCancelledJob(PROJECT, "7-00ab12", "training-set", T0.plusSeconds(60),
          "cancelled: the server shut down before job 7-00ab12 started");

      RunSummary expected = new RunSummary(RunKind.JOB, cancelled.id(), PROJECT, "training-set job 7-00ab12",
          RunStatus.CANCELLED, T0.plusSeconds(60), Optional.of(T0.plusSeconds(120)),
          Optional.of("cancelled: the server shut down before job 7-00ab12 started"));
      assertThat(cancelled).isEqualTo(expected);
      RunQuery all = RunQuery.of(PROJECT);
      assertThat(store.runs(all)).extracting(RunSummary::kind, RunSummary::id).containsExactly(
          org.assertj.core.groups.Tuple.tuple(RunKind.JOB, cancelled.id()),
          org.assertj.core.groups.Tuple.tuple(RunKind.MATERIALIZATION, materialization));
      assertThat(store.runs(all.withKind(RunKind.JOB))).containsExactly(expected);
      assertThat(store.runs(all.withStatus(RunStatus.CANCELLED))).containsExactly(expected);
      assertThat(store.runs(RunQuery.of("other"))).isEmpty();
      assertThatThrownBy(() -> store.recordCancelledJob(PROJECT, " ", "materialize", T0, "why"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job id");
      assertThatThrownBy(() -> store.recordCancelledJob(PROJECT, "1-1", "x".repeat(33), T0, "why"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job kind longer than 32");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recordsTrainingSetsValidationsSkewReportsAndTriggerRuns(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      TrainingSet set = trainingSet(3, new VersionedRef(DefinitionKind.FEATURE_SERVICE, "ranking", V2),
          new VersionedRef(DefinitionKind.FEATURE_VIEW, "hourly", V1));
      Recorded<TrainingSet> recorded = store.recordTrainingSet(set);
      assertThat(recorded.value()).isEqualTo(set);
      assertThat(recorded.recordedAt()).isEqualTo(T0);
      assertThat(store.trainingSet(recorded.id())).contains(recorded);
      clock.advance(Duration.ofMinutes(1));
      TrainingSet plain = new TrainingSet(PROJECT, "sha256:other", Optional.empty(),
          List.of(new VersionedRef(DefinitionKind.FEATURE_VIEW, "hourly", V2)), 4, Optional.empty(), "/out/2.parquet",
          0, json("{}"));
      Recorded<TrainingSet> second = store.recordTrainingSet(plain);
      assertThat(store.trainingSets(PROJECT, 10, 0)).containsExactly(second, recorded);
      assertThat(store.trainingSets(PROJECT, 1, 1)).containsExactly(recorded);

      ValidationResult validation = new ValidationResult(PROJECT, "hourly", false,
          json("{\"failures\":[{\"column\":\"conv_rate\",\"check\":\"null_fraction\",\"value\":0.4}]}"));
      Recorded<ValidationResult> v = store.recordValidation(validation);
      assertThat(store.validation(v.id())).contains(v);
      assertThat(store.validations(PROJECT, 10, 0)).containsExactly(v);

      SkewReport skew = new SkewReport(PROJECT, "distribution", json("{\"serving_log\":\"/logs\",\"training_set\":1}"),
          json("{\"features\":{\"hourly__f\":{\"psi\":0.31}}}"), 0.31);
      Recorded<SkewReport> s = store.recordSkewReport(skew);
      assertThat(store.skewReport(s.id())).contains(s);
      assertThat(store.skewReports(PROJECT, 10, 0)).containsExactly(s);
      assertThat(store.skewReports("other", 10, 0)).isEmpty();
      // Linked to the service, its version, the training set and the log's range (version 6).
      SkewReport linked = new SkewReport(PROJECT, "value_consistency", json("{\"serving_log\":true}"),
          json("{\"features\":[]}"), 0.25).withService("ranking", V2).withTrainingSet(recorded.id())
          .withRange(T0, T0.plusSeconds(3600)).withVerdict("FAIL");
      Recorded<SkewReport> l = store.recordSkewReport(linked);
      assertThat(store.skewReport(l.id())).contains(l);
      assertThat(l.value().service()).contains("ranking");
      assertThat(store.skewReports(PROJECT, "ranking", 10, 0)).containsExactly(l);
      assertThat(store.skewReports(PROJECT, "other", 10, 0)).isEmpty();
      assertThat(store.skewReports(PROJECT, 10, 0)).containsExactly(l, s);

      TriggerRun started = store.startTrigger(PROJECT, "drift", "metric", "psi 0.31 > 0.2");
      clock.advance(Duration.ofMinutes(5));
      TriggerRun finished = store.finishTrigger(started.id(), RunStatus.SUCCEEDED, Optional.of(recorded.id()),
          Optional.of(json("{\"status\":200}")), Optional.empty());
      assertThat(finished).isEqualTo(new TriggerRun(started.id(), PROJECT, "drift", "metric", "psi 0.31 > 0.2",
          RunStatus.SUCCEEDED, T0.plusSeconds(60), Optional.of(T0.plusSeconds(360)), Optional.of(recorded.id()),
          Optional.of(json("{\"status\":200}")), Optional.empty()));
      long other = store.startTrigger(PROJECT, "x", "adhoc", "test").id();
      assertThatThrownBy(() -> store.finishTrigger(other, RunStatus.SUCCEEDED, Optional.of(424242L), Optional.empty(),
          Optional.empty())).isInstanceOf(RegistryException.class).hasMessageContaining("training set 424242");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void promotingAModelArchivesThePreviousProductionVersion(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      MetadataStore store = db.metadata(clock);
      long set = store.recordTrainingSet(trainingSet(1, null,
          new VersionedRef(DefinitionKind.FEATURE_VIEW, "hourly", V1))).id();
      Recorded<ModelVersion> m1 = store.registerModel(PROJECT, "eta", "1", set, json("{\"auc\":0.81}"));
      store.registerModel(PROJECT, "eta", "2", set, json("{\"auc\":0.84}"));
      assertThat(m1.value().stage()).isEqualTo(ModelStage.CANDIDATE);
      assertThat(store.productionModel(PROJECT, "eta")).isEmpty();

      store.promote(PROJECT, "eta", "1");
      assertThat(store.productionModel(PROJECT, "eta").orElseThrow().value().version()).isEqualTo("1");
      store.promote(PROJECT, "eta", "2");

      assertThat(store.modelVersions(PROJECT, "eta")).extracting(r -> r.value().version(), r -> r.value().stage())
          .containsExactly(org.assertj.core.groups.Tuple.tuple("1", ModelStage.ARCHIVED),
              org.assertj.core.groups.Tuple.tuple("2", ModelStage.PRODUCTION));
      assertThat(store.model(PROJECT, "eta", "2").orElseThrow().value().metrics()).isEqualTo(json("{\"auc\":0.84}"));
      assertThat(store.archive(PROJECT, "eta", "2").value().stage()).isEqualTo(ModelStage.ARCHIVED);
      assertThat(store.productionModel(PROJECT, "eta")).isEmpty();
      assertThatThrownBy(() -> store.registerModel(PROJECT, "eta", "2", set, json("{}")))
          .isInstanceOf(RegistryException.class).hasMessageContaining("already registered");
      assertThatThrownBy(() -> store.promote(PROJECT, "eta", "9"))
          .isInstanceOf(RegistryException.class).hasMessageContaining("not registered");
      assertThatThrownBy(() -> store.registerModel(PROJECT, "eta", "3", 777_777, json("{}")))
          .isInstanceOf(RegistryException.class).hasMessageContaining("training set 777777 does not exist");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void tracesAModelBackToTheDefinitionsAndSourcePathsItWasTrainedOn(Backend backend) {
    try (RegistryDatabase db = RegistryDatabase.open(backend.freshUrl(), PooledConnections::new)) {
      Registry registry = db.registry(clock);
      MetadataStore store = db.metadata(clock);
      DefinitionRecord driver = entity("driver");
      DefinitionRecord stats = source("driver_stats", "data/driver_stats");
      DefinitionRecord hourly = view("hourly", "driver_stats", "driver", "conv_rate");
      DefinitionRecord ranking = service("ranking", "hourly");
      registry.apply(PROJECT, 0, List.of(driver, stats, hourly, ranking));
      long set = store.recordTrainingSet(trainingSet(registry.revision(PROJECT),
          new VersionedRef(DefinitionKind.FEATURE_SERVICE, "ranking", ranking.version()),
          new VersionedRef(DefinitionKind.FEATURE_VIEW, "hourly", hourly.version()))).id();
      Recorded<ModelVersion> model = store.registerModel(PROJECT, "eta", "1", set, json("{\"auc\":0.8}"));
      // Later applies move the source elsewhere and remove everything else; lineage still
      // shows what the model was trained on.
      DefinitionRecord moved = source("driver_stats", "s3/driver_stats_v2");
      registry.apply(PROJECT, 1, List.of(driver, moved));

      Lineage lineage = store.lineage(model.id()).orElseThrow();

      assertThat(lineage.model()).isEqualTo(model);
      assertThat(lineage.trainingSet().id()).isEqualTo(set);
      assertThat(lineage.service()).contains(ranking);
      assertThat(lineage.views()).containsExactly(hourly);
      assertThat(lineage.dependencies()).containsExactly(driver, stats);
      assertThat(lineage.dependencies().get(1).canonicalJson()).contains("\"path\":\"data/driver_stats\"");
      assertThat(store.lineage(123_456)).isEmpty();
    }
  }
}
