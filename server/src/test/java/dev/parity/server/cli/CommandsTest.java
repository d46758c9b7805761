package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.RepositoryConfig;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.testing.InProcessCli;
import dev.parity.server.testing.InProcessCli.Result;
import dev.parity.server.testing.SampleRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands run in-process through {@link ParityCli}, as the launcher runs them. */
class CommandsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path temp;

  @Test
  void validatePrintsTheCountsOfAValidRepository() {
    Path repo = SampleRepository.create(temp.resolve("drivers"));

    Result result = run(Map.of(), "validate", "-r", repo.toString());

    assertThat(result.failure()).isEmpty();
    assertThat(result.out()).isEqualTo("OK: 2 entities, 3 sources, 3 feature views, 1 on-demand view, 2 feature services\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void validateListsEveryErrorWithItsPositionThenAOneLineReason() {
    Path repo = SampleRepository.create(temp.resolve("drivers"));
    SampleRepository.write(repo, "broken.yaml", SampleRepository.BROKEN);

    Result result = run(Map.of(), "validate", "--repo", repo.toString());

    assertThat(result.failure()).isPresent();
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).hasSize(4);
    assertThat(result.errLines().get(0)).startsWith("broken.yaml:4:13: ").contains("driver_stat");
    assertThat(result.errLines().get(1)).startsWith("broken.yaml:11:").contains("vehicle_type");
    assertThat(result.errLines().get(2)).startsWith("broken.yaml:12:").contains("no_such_column");
    assertThat(result.errLines().get(3))
        .isEqualTo("parity validate: 3 errors in the feature repository");

    Result apply = run(Map.of(), "apply", "-r", repo.toString());
    assertThat(apply.errLines()).hasSize(4).last()
        .isEqualTo("parity apply: 3 errors in the feature repository; nothing was registered");
  }

  @Test
  void planAndApplyPrintWhatChangesAndTheNewRevision() {
    Path repo = SampleRepository.create(temp.resolve("drivers"));

    Result plan = run(Map.of(), "plan", "-r", repo.toString());
    assertThat(plan.out()).startsWith("+ entity customer\n+ entity driver\n")
        .endsWith("\nPlan: 11 to add, 0 to change, 0 to remove, 0 unchanged.\n");

    Result apply = run(Map.of(), "apply", "-r", repo.toString());
    assertThat(apply.failure()).isEmpty();
    assertThat(apply.out()).startsWith(plan.out())
        .endsWith("\nApplied revision 1 of project 'default': 11 added, 0 changed, 0 removed, 0 unchanged.\n");

    SampleRepository.edit(repo, SampleRepository.DEFINITIONS, "ttl: 2d ", "ttl: 3d ");
    Result change = run(Map.of(), "apply", "-r", repo.toString());
    assertThat(change.out()).contains("~ feature_view driver_hourly_stats  ttl: 172800 -> 259200\n")
        .endsWith("Applied revision 2 of project 'default': 0 added, 4 changed, 0 removed, 7 unchanged.\n");
    assertThat(run(Map.of(), "plan", "-r", repo.toString()).out()).isEqualTo("No changes.\n");
  }

  @Test
  void reportsAnUnreachableRegistryInOneLineWithoutAStackTrace() {
    Path repo = SampleRepository.create(temp.resolve("drivers"));

    Result result = run(Map.of(RepositoryConfig.REGISTRY_URL_ENV, "jdbc:postgresql://127.0.0.1:1/parity?password=secret"),
        "plan", "-r", repo.toString());

    assertThat(result.failure()).isPresent();
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("parity plan: registry jdbc:postgresql://127.0.0.1:1/parity?password=*** is unavailable: ")
        .doesNotContain("secret");
  }

  @Test
  void reportsAMissingRepositoryDirectory() {
    Path missing = temp.resolve("nowhere");

    Result result = run(Map.of(), "apply", "-r", missing.toString());

    assertThat(result.failure()).isPresent();
    assertThat(result.err()).isEqualTo("parity apply: no feature repository at " + missing + ": not a directory\n");
  }

  @Test
  void pushRefusesAnEventTimeFarInTheFutureInOneLineNamingRowColumnAndLimit() throws java.io.IOException {
    Path repo = SampleRepository.create(temp.resolve("drivers"));
    SampleRepository.edit(repo, "parity.yaml", "project: default", "project: cli_push_" + ProcessHandle.current().pid());
    Map<String, String> redis = Map.of(RepositoryConfig.REDIS_URL_ENV, TestRedis.standaloneUrl());
    assertThat(run(redis, "apply", "-r", repo.toString()).failure()).isEmpty();
    Path rows = temp.resolve("rows.csv");
    java.nio.file.Files.writeString(rows, "driver_id,event_timestamp,conv_rate,acc_rate,avg_daily_trips,vehicle_type\n"
        + "1001,+99999-01-01T00:00:00Z,0.5,,3,van\n");

    Result result = run(redis, "push", "-r", repo.toString(), "--source", "driver_stats", "--file", rows.toString());

    assertThat(result.failure()).isPresent();
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).singleElement().asString().isEqualTo("parity push: rows rejected for source "
        + "driver_stats: row 0, column event_timestamp: +99999-01-01T00:00:00Z is beyond 2026-02-01T00:05:00Z "
        + "(now + max_future_skew 5m): an event time from the future would win every newer-wins comparison online; "
        + "nothing was written");
  }

  @Test
  void helpOfACommandShowsTheRepositoryOption() {
    Result result = run(Map.of(), "plan", "--help");

    assertThat(result.failure()).isEmpty();
    assertThat(result.out()).contains("Show what apply would add, change and remove in the registry")
        .contains("-r DIR, --repo DIR")
        .contains("(default: .)");
  }

  @Test
  void usageLinesNameTheProgramAsUsersTypeIt() {
    Result help = run(Map.of(), "--help");
    Result commandHelp = run(Map.of(), "plan", "--help");
    Result missingArgument = run(Map.of(), "training-set", "--service", "s", "--entities", "e.parquet");

    assertThat(help.failure()).isEmpty();
    assertThat(help.out()).startsWith("usage: parity [-h] [-v]").contains("{validate,plan,apply,");
    assertThat(commandHelp.out()).startsWith("usage: parity plan [-r DIR] [-h]");
    assertThat(missingArgument.failure()).isPresent();
    assertThat(missingArgument.errLines().get(0)).isEqualTo("argument --out is required");
    assertThat(missingArgument.errLines().get(1)).startsWith("usage: parity training-set ");
    assertThat(help.out() + commandHelp.out() + missingArgument.err()).doesNotContain("java -jar");
  }

  @Test
  void noArgumentsPrintTheHelp() {
    Result result = run(Map.of());

    assertThat(result.failure()).isEmpty();
    assertThat(result.out()).startsWith("usage: parity ");
    assertThat(result.err()).isEmpty();
  }

  static Result run(Map<String, String> environment, String... args) {
    return InProcessCli.run(environment, CLOCK, args);
  }
}
