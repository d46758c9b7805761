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
    assertThat(metric.alias()).contains("champion");
    assertThat(metric.holds(0.79)).isTrue();
    assertThat(metric.holds(0.8)).isFalse();
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
