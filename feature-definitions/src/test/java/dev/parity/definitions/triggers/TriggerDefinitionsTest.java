package dev.parity.definitions.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DefinitionError;
import dev.parity.definitions.DefinitionException;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code triggers:} block: every kind read, errors at their line and column, versions. */
class TriggerDefinitionsTest {
  private static final String TRIGGERS = """
      triggers:
        - name: by_hand
          kind: adhoc
          service: driver_ranking_v1
          entities: data/entities.parquet
          hook: { webhook: "http://127.0.0.1:9/train", secret_env: HOOK_SECRET, attempts: 3, backoff: 0 }
        - name: nightly
          kind: cron
          schedule: "0 3 * * *"
          time_zone: Europe/Paris
          missed: run_once
          service: driver_ranking_v1
          entities: data/entities.parquet
          on_busy: queue
          hook: { command: [python3, train.py], timeout: 10m }
        - name: fresh_stats
          kind: new_data
          source: driver_stats
          debounce: 5m
          service: driver_ranking_v1
          entities: data/entities.parquet
          hook: { command: [./train.sh] }
        - name: accuracy_drop
          kind: metric
          metric: { model: eta, alias: champion, name: accuracy, below: 0.8 }
          debounce: 1h
          service: driver_ranking_v1
          entities: data/entities.parquet
          hook: { webhook: "https://ci.example/hooks/train" }
      """;

  @TempDir Path temp;

  private Path repository(String triggers) throws IOException {
    Path repo = Fixtures.copy(Fixtures.drivers(), Files.createTempDirectory(temp, "repo"));
    Files.writeString(repo.resolve("triggers.yaml"), triggers);
    return repo;
  }

  @Test
  void readsEveryKindOfTrigger() throws IOException {
    FeatureRepository repo = Fixtures.load(repository(TRIGGERS));

    assertThat(repo.triggers()).extracting(Trigger::name)
        .containsExactly("accuracy_drop", "by_hand", "fresh_stats", "nightly");
    Trigger byHand = repo.trigger("by_hand").orElseThrow();
    assertThat(byHand.condition()).isEqualTo(new TriggerCondition.Adhoc());
    assertThat(byHand.hook()).isEqualTo(new TriggerHook.Webhook(URI.create("http://127.0.0.1:9/train"),
        Optional.of("HOOK_SECRET"), 3, Duration.ZERO, Duration.ofSeconds(30)));
    assertThat(byHand.onBusy()).isEqualTo(BusyPolicy.REFUSE);

    Trigger nightly = repo.trigger("nightly").orElseThrow();
    TriggerCondition.Cron cron = (TriggerCondition.Cron) nightly.condition();
    assertThat(cron.missed()).isEqualTo(MissedPolicy.RUN_ONCE);
    assertThat(cron.schedule().zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    // 03:00 in Paris in winter is 02:00 UTC.
    assertThat(cron.schedule().nextAfter(Instant.parse("2026-12-07T00:00:00Z")))
        .contains(Instant.parse("2026-12-07T02:00:00Z"));
    assertThat(cron.schedule().lastAtOrBefore(Instant.parse("2026-12-07T02:00:00Z")))
        .contains(Instant.parse("2026-12-07T02:00:00Z"));
    assertThat(nightly.onBusy()).isEqualTo(BusyPolicy.QUEUE);
    assertThat(nightly.hook()).isEqualTo(new TriggerHook.Command(List.of("python3", "train.py"), Duration.ofMinutes(10)));

    assertThat(repo.trigger("fresh_stats").orElseThrow().condition())
        .isEqualTo(new TriggerCondition.NewData("driver_stats", Duration.ofMinutes(5)));
    TriggerCondition.Metric metric = (TriggerCondition.Metric) repo.trigger("accuracy_drop").orElseThrow().condition();
    assertThat(metric.source()).isEqualTo(new MetricSource.Model("eta", Optional.of("champion"), "accuracy"));
    assertThat(metric.holds(0.79)).isTrue();
    assertThat(metric.holds(0.8)).isFalse();
  }

  @Test
  void aModelMetricKeepsTheCanonicalFormItWasVersionedWithBeforeOtherSources() throws IOException {
    Trigger trigger = Fixtures.load(repository(TRIGGERS)).trigger("accuracy_drop").orElseThrow();

    // Keys are hashed sorted: the order does not matter, the entries do.
    assertThat(trigger.condition().canonicalForm()).containsExactlyInAnyOrderEntriesOf((
        java.util.Map.of("source", "model", "model", "eta", "alias", "champion", "metric", "accuracy", "below", 0.8,
            "debounce", "PT1H")));
  }

  private static String metricTrigger(String name, String metric) {
    return """
          - name: %s
            kind: metric
            metric: %s
            service: driver_ranking_v1
            entities: data/entities.parquet
            hook: { command: [x] }
        """.formatted(name, metric);
  }

  @Test
  void readsEveryMetricSource() throws IOException {
    FeatureRepository repo = Fixtures.load(repository("triggers:\n"
        + metricTrigger("skew", "{ source: report, report: skew, feature: \"driver_hourly_stats:conv_rate\", "
            + "statistic: js, above: 0.1 }")
        + metricTrigger("consistency", "{ source: report, report: consistency, above: 0.01 }")
        + metricTrigger("invalid", "{ source: validation, above: 0 }")
        + metricTrigger("misses", "{ source: server, name: not_found_rate, window: 10m, above: 0.2 }")
        + metricTrigger("prom", "{ source: prometheus, url: \"http://127.0.0.1:9090/metrics\", name: model_accuracy, "
            + "labels: { model: eta, stage: prod }, timeout: 2s, below: 0.8 }")));

    assertThat(source(repo, "skew")).isEqualTo(new MetricSource.Report(MetricSource.Report.Kind.SKEW,
        Optional.of("driver_hourly_stats:conv_rate"), "js"));
    assertThat(source(repo, "consistency")).isEqualTo(new MetricSource.Report(MetricSource.Report.Kind.CONSISTENCY,
        Optional.empty(), "mismatch_rate"));
    assertThat(source(repo, "invalid")).isEqualTo(new MetricSource.Validation("failed_checks"));
    assertThat(source(repo, "misses")).isEqualTo(new MetricSource.Server("not_found_rate", Duration.ofMinutes(10)));
    assertThat(source(repo, "prom")).isEqualTo(new MetricSource.Prometheus(URI.create("http://127.0.0.1:9090/metrics"),
        "model_accuracy", java.util.Map.of("model", "eta", "stage", "prod"), Duration.ofSeconds(2)));
    TriggerCondition.Metric prom = (TriggerCondition.Metric) repo.trigger("prom").orElseThrow().condition();
    assertThat(prom.describe()).isEqualTo("model_accuracy{model=\"eta\",stage=\"prod\"} at "
        + "http://127.0.0.1:9090/metrics below 0.8");
  }

  private static MetricSource source(FeatureRepository repo, String trigger) {
    return ((TriggerCondition.Metric) repo.trigger(trigger).orElseThrow().condition()).source();
  }

  @Test
  void reportsMetricSourceMistakesAtTheirLineAndColumn() throws IOException {
    Path repo = repository("triggers:\n"
        + metricTrigger("a", "{ source: report, report: skew, statistic: mismatch_rate, above: 0.1 }")
        + metricTrigger("b", "{ source: server, name: not_found_rate, url: \"http://h/\", above: 0.1 }")
        + metricTrigger("c", "{ source: prometheus, url: \"ftp://h/m\", name: \"1bad\", above: 1 }")
        + metricTrigger("d", "{ source: nagios, above: 1 }")
        + metricTrigger("e", "{ source: report, report: skew, feature: \"driver_hourly_stats:nope\", above: 1 }")
        + metricTrigger("f", "{ source: validation, statistic: failures, above: 0 }"));

    assertThatThrownBy(() -> Fixtures.load(repo)).isInstanceOfSatisfying(DefinitionException.class, e ->
        assertThat(e.errors()).extracting(DefinitionError::toString)
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:4:56").contains("no statistic 'mismatch_rate'"))
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:10:58")
                .contains("key 'url' does not apply to a metric of source server"))
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:16:40").contains("http or https"))
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:16:59").contains("not a Prometheus metric name"))
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:22:23").contains("nagios"))
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:28:13")
                .contains("watches feature 'driver_hourly_stats:nope'"))
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:34:46").contains("failures")));
  }

  @Test
  void aNewDataTriggerWatchesEitherASourcesFilesOrAViewsWatermark() throws IOException {
    String view = """
        triggers:
          - name: pushed
            kind: new_data
            view: driver_hourly_stats
            debounce: 2m
            service: driver_ranking_v1
            entities: data/entities.parquet
            hook: { command: [x] }
        """;
    Trigger pushed = Fixtures.load(repository(view)).trigger("pushed").orElseThrow();
    assertThat(pushed.condition()).isEqualTo(new TriggerCondition.Watermark("driver_hourly_stats", Duration.ofMinutes(2)));
    assertThat(pushed.kind()).isEqualTo("new_data");

    assertThatThrownBy(() -> Fixtures.load(repository(view.replace("driver_hourly_stats", "driver_hourly_stat")))).isInstanceOfSatisfying(
        DefinitionException.class, e -> assertThat(e.errors()).extracting(DefinitionError::toString).anySatisfy(m ->
            assertThat(m).startsWith("triggers.yaml:4:11").contains("unknown feature view 'driver_hourly_stat'")
                .contains("did you mean")));
    assertThatThrownBy(() -> Fixtures.load(repository(view.replace("    debounce: 2m\n",
        "    source: driver_stats\n")))).isInstanceOfSatisfying(DefinitionException.class, e ->
        assertThat(e.errors()).extracting(DefinitionError::toString).anySatisfy(m ->
            assertThat(m).startsWith("triggers.yaml:2:5").contains("exactly one of 'source' (its files) and 'view'")));
  }

  @Test
  void versionChangesWithTheDeclarationOnly() throws IOException {
    String first = Fixtures.load(repository(TRIGGERS)).trigger("nightly").orElseThrow().version();
    String reordered = Fixtures.load(repository(TRIGGERS.replace("""
              schedule: "0 3 * * *"
              time_zone: Europe/Paris""", """
              time_zone: Europe/Paris
              schedule: "0 3 * * *\""""))).trigger("nightly").orElseThrow().version();
    String changed = Fixtures.load(repository(TRIGGERS.replace("0 3 * * *", "0 4 * * *")))
        .trigger("nightly").orElseThrow().version();

    assertThat(first).hasSize(64).isEqualTo(reordered).isNotEqualTo(changed);
  }

  @Test
  void reportsMistakesAtTheirLineAndColumn() throws IOException {
    Path repo = repository("""
        triggers:
          - name: nightly
            kind: cron
            schedule: "0 3 * *"
            time_zone: Europe/Paris
            service: driver_ranking_v1
            entities: data/entities.parquet
            hook: { command: [train] }
          - name: no_zone
            kind: cron
            schedule: "0 3 * * *"
            service: no_such_service
            entities: data/entities.parquet
            hook: { webhook: "ftp://host/x" }
          - name: data
            kind: new_data
            source: no_such_source
            schedule: "0 3 * * *"
            service: driver_ranking_v1
            entities: data/entities.parquet
            hook: { webhook: "http://h/x", command: [x] }
        """);

    assertThatThrownBy(() -> Fixtures.load(repo)).isInstanceOfSatisfying(DefinitionException.class, e ->
        assertThat(e.errors()).extracting(DefinitionError::toString).anySatisfy(m ->
                assertThat(m).startsWith("triggers.yaml:4:15").contains("invalid cron expression '0 3 * *'"))
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:9:5").contains("needs 'time_zone'"))
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:14:11").contains("http or https"))
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:18:15").contains("does not apply to a new_data"))
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:21:11").contains("exactly one of 'webhook'")));

    Files.writeString(repo.resolve("triggers.yaml"), """
        triggers:
          - name: data
            kind: new_data
            source: no_such_source
            service: no_such_service
            entities: data/entities.parquet
            hook: { command: [x] }
        """);
    assertThatThrownBy(() -> Fixtures.load(repo)).isInstanceOfSatisfying(DefinitionException.class, e ->
        assertThat(e.errors()).extracting(DefinitionError::toString)
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:4:13").contains("unknown source 'no_such_source'"))
            .anySatisfy(m -> assertThat(m).startsWith("triggers.yaml:5:14")
                .contains("unknown feature service 'no_such_service'")));
  }
}
