package dev.parity.server.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DefinitionException;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.DefinitionRef;
import dev.parity.registry.HistoryEntry;
import dev.parity.registry.Registry;
import dev.parity.registry.metadata.TriggerRun;
import dev.parity.registry.metadata.TriggerVersion;
import dev.parity.registry.testing.TestPostgres;
import dev.parity.server.api.PlanJson;
import dev.parity.server.core.NotAppliedException;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.testing.InProcessCli;
import dev.parity.server.testing.SampleRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Triggers are registry objects: {@code plan} lists their additions, changes and removals, {@code
 * apply} records them with the other definitions in one revision, with their dependency on the
 * service they name, and only a registered declaration fires. On both registry databases.
 */
class RegisteredTriggersTest {
  private static final DefinitionRef SERVICE = new DefinitionRef(DefinitionKind.FEATURE_SERVICE, "driver_ranking_v1");
  private static final DefinitionRef RETRAIN = new DefinitionRef(DefinitionKind.TRIGGER, "retrain");

  @TempDir Path temp;

  enum Database {
    H2,
    POSTGRESQL;

    Map<String, String> environment() {
      return this == H2 ? Map.of() : Map.of(RepositoryConfig.REGISTRY_URL_ENV, TestPostgres.newDatabase());
    }
  }

  private static String adhoc(String name, String onBusy) {
    return """
          - name: %s
            kind: adhoc
            service: driver_ranking_v1
            entities: entities.csv
            on_busy: %s
            hook: { command: ["true"] }
        """.formatted(name, onBusy);
  }

  private static String cron(String name) {
    return """
          - name: %s
            kind: cron
            schedule: "0 3 * * *"
            time_zone: UTC
            service: driver_ranking_v1
            entities: entities.csv
            hook: { command: ["true"] }
        """.formatted(name);
  }

  private static Registry registry(TriggersFixture fixture) {
    return fixture.stores().registry();
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void theCliPlansAndAppliesTriggerAdditionsChangesAndRemovalsWithTheOtherDefinitions(Database database) {
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), database.environment(),
        "triggers: []\n")) {
      String repo = fixture.root.toString();
      RepositoryStores stores = fixture.stores();
      Registry registry = stores.registry();
      long applied = registry.revision(fixture.project);

      fixture.write("triggers:\n" + adhoc("retrain", "refuse"));
      assertThat(cli(fixture, "plan", "-r", repo)).isEqualTo("+ trigger retrain\n\n"
          + "Plan: 1 to add, 0 to change, 0 to remove, 11 unchanged.\n");
      assertThat(cli(fixture, "apply", "-r", repo)).endsWith("Applied revision " + (applied + 1) + " of project '"
          + fixture.project + "': 1 added, 0 changed, 0 removed, 11 unchanged.\n");
      Trigger declared = fixture.load().trigger("retrain").orElseThrow();
      DefinitionRecord registered = registry.current(fixture.project, RETRAIN).orElseThrow();
      assertThat(registered.version()).as("the version its runs record").isEqualTo(declared.version());
      assertThat(registered.canonicalJson()).isEqualTo(declared.canonicalJson());
      assertThat(registered.dependsOn()).containsExactly(SERVICE);
      assertThat(cli(fixture, "plan", "-r", repo)).isEqualTo("No changes.\n");

      fixture.write("triggers:\n" + adhoc("retrain", "queue") + cron("nightly"));
      assertThat(cli(fixture, "plan", "-r", repo)).contains("+ trigger nightly\n")
          .contains("~ trigger retrain  on_busy: \"refuse\" -> \"queue\"\n")
          .endsWith("Plan: 1 to add, 1 to change, 0 to remove, 11 unchanged.\n");
      assertThat(PlanJson.of(fixture.repositories.plan(fixture.root)).changes())
          .filteredOn(c -> c.kind().equals("trigger")).extracting(c -> c.action() + " " + c.name())
          .containsExactly("added nightly", "changed retrain");
      assertThat(cli(fixture, "apply", "-r", repo)).endsWith("Applied revision " + (applied + 2) + " of project '"
          + fixture.project + "': 1 added, 1 changed, 0 removed, 11 unchanged.\n");
      String changed = fixture.load().trigger("retrain").orElseThrow().version();
      assertThat(changed).isNotEqualTo(declared.version());
      assertThat(registry.current(fixture.project, DefinitionKind.TRIGGER))
          .extracting(r -> r.name() + " " + r.version())
          .containsExactly("nightly " + fixture.load().trigger("nightly").orElseThrow().version(), "retrain " + changed);
      assertThat(registry.history(fixture.project, RETRAIN)).extracting(HistoryEntry::version)
          .containsExactly(declared.version(), changed);

      fixture.write("triggers:\n" + cron("nightly"));
      assertThat(cli(fixture, "plan", "-r", repo)).startsWith("- trigger retrain\n");
      assertThat(cli(fixture, "apply", "-r", repo)).contains(": 0 added, 0 changed, 1 removed, 12 unchanged.\n");
      assertThat(registry.current(fixture.project, RETRAIN)).isEmpty();
      assertThat(registry.history(fixture.project, RETRAIN)).extracting(HistoryEntry::removed)
          .containsExactly(false, false, true);
      // Both versions stay readable: old runs name them.
      assertThat(stores.metadata().triggerVersions(fixture.project, "retrain")).extracting(TriggerVersion::version)
          .containsExactly(declared.version(), changed);
    }
  }

  /** What {@code parity ARGS} printed, the command having succeeded. */
  private static String cli(TriggersFixture fixture, String... args) {
    InProcessCli.Result result = fixture.cli(args);
    assertThat(result.failure()).as(result.err()).isEmpty();
    return result.out();
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void onlyTheRegisteredDeclarationFiresAndAChangedTriggerKeepsItsRunHistory(Database database) {
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), database.environment(),
        "triggers:\n" + adhoc("retrain", "refuse"))) {
      TriggersFixture.Server before = fixture.server();
      String first = before.triggers.trigger("retrain").version();
      before.triggers.fire("retrain", Optional.of("first"));

      fixture.write("triggers:\n" + adhoc("retrain", "queue"));
      TriggersFixture.Server unapplied = fixture.server();
      assertThatThrownBy(() -> unapplied.triggers.fire("retrain", Optional.empty()))
          .isInstanceOf(NotAppliedException.class)
          .hasMessageContaining("trigger 'retrain' differs from its registered version " + first.substring(0, 12));
      assertThat(unapplied.triggers.registered()).isEmpty();

      fixture.apply();
      TriggersFixture.Server changed = fixture.server();
      String second = changed.triggers.trigger("retrain").version();
      changed.triggers.fire("retrain", Optional.of("second"));
      assertThat(changed.runs("retrain")).extracting(TriggerRun::reason).containsExactly("first", "second");
      assertThat(changed.runs("retrain")).extracting(run -> changed.run(run.id()).triggerVersion().orElseThrow())
          .containsExactly(first, second);
      assertThat(changed.metadata().triggerVersions(fixture.project, "retrain")).extracting(TriggerVersion::version)
          .containsExactly(first, second);

      // Removed and applied: a server still holding the old declaration no longer fires it.
      fixture.write("triggers: []\n");
      fixture.apply();
      assertThat(changed.triggers.registered()).isEmpty();
      assertThatThrownBy(() -> changed.triggers.fire("retrain", Optional.empty()))
          .isInstanceOf(NotAppliedException.class).hasMessageContaining("trigger 'retrain' is not registered");
      assertThat(changed.runs("retrain")).hasSize(2);
    }
  }

  @Test
  void theSchedulerFiresACronTriggerOnlyAtItsAppliedDeclaration() {
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), "triggers:\n"
        + cron("nightly"))) {
      TriggersFixture.Server before = fixture.server();
      before.scheduler.tick();
      fixture.clock.set(Instant.parse("2026-01-31T03:00:00Z"));
      before.scheduler.tick();
      assertThat(before.runs("nightly")).hasSize(1);

      // Moved to 04:00 but not applied: the new declaration does not fire, at 04:00 or ever.
      fixture.write("triggers:\n" + cron("nightly").replace("0 3 * * *", "0 4 * * *"));
      TriggersFixture.Server unapplied = fixture.server();
      fixture.clock.set(Instant.parse("2026-01-31T04:00:00Z"));
      unapplied.scheduler.tick();
      assertThat(unapplied.runs("nightly")).hasSize(1);

      assertThat(fixture.cli("apply", "-r", fixture.root.toString()).failure()).isEmpty();
      unapplied.scheduler.tick();
      String applied = fixture.load().trigger("nightly").orElseThrow().version();
      assertThat(unapplied.runs("nightly")).extracting(run -> unapplied.run(run.id()).triggerVersion().orElseThrow())
          .containsExactly(before.triggers.trigger("nightly").version(), applied);

      // A server still holding the 03:00 declaration no longer fires it: it is not the registered one.
      fixture.clock.set(Instant.parse("2026-02-01T03:00:00Z"));
      before.scheduler.tick();
      assertThat(before.runs("nightly")).hasSize(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void removingTheServiceATriggerNamesIsRefusedAndTheRegistryStaysAsItWas(Database database) {
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), database.environment(),
        "triggers:\n" + adhoc("retrain", "refuse"))) {
      Registry registry = registry(fixture);
      long revision = registry.revision(fixture.project);
      SampleRepository.edit(fixture.root, SampleRepository.DEFINITIONS, "name: driver_ranking_v1",
          "name: driver_ranking_v2");

      assertThatThrownBy(() -> fixture.repositories.apply(fixture.root)).isInstanceOf(DefinitionException.class)
          .hasMessageContaining("trigger 'retrain' names unknown feature service 'driver_ranking_v1'");
      assertThat(registry.revision(fixture.project)).isEqualTo(revision);
      assertThat(registry.current(fixture.project, SERVICE)).isPresent();
      assertThat(registry.current(fixture.project, RETRAIN).orElseThrow().dependsOn()).containsExactly(SERVICE);
    }
  }
}
