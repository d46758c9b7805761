package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.RepositoryConfig;
import dev.parity.server.testing.PackagedJar;
import dev.parity.server.testing.PackagedJar.Run;
import dev.parity.server.testing.SampleRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's command line end to end: {@code java -jar parity.jar ...} as separate processes
 * (the jar's path comes from the system property {@code parity.jar}, set by the build), checking
 * exit codes and both output streams. Successful commands print nothing on stderr, which also
 * checks that libraries stay quiet. Tagged {@code packaged}: surefire leaves it to failsafe, which
 * runs after the jar is built.
 */
@Tag("packaged")
class CliIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);

  @TempDir static Path temp;

  @Test
  void helpListsTheRepositoryCommands() {
    Run run = parity("--help");

    assertThat(run.exitCode()).isZero();
    // The program as users type it (the launcher script), not "java -jar parity.jar".
    assertThat(run.out()).startsWith("usage: parity [-h] [-v]")
        .contains("{server,check,validate,plan,apply,materialize,materialize-incremental,training-set,get-online,codegen,push,skew-report,consistency-report,models,lineage,trigger,triggers,runs,quickstart}");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validatesPlansAndAppliesTheExamplesRepository() {
    Path repo = SampleRepository.create(temp.resolve("drivers"));

    Run validate = parity("validate", "-r", repo.toString());
    assertThat(validate).isEqualTo(new Run(0,
        "OK: 2 entities, 3 sources, 3 feature views, 1 on-demand view, 2 feature services\n", ""));

    Run plan = parity("plan", "-r", repo.toString());
    assertThat(plan.exitCode()).isZero();
    assertThat(plan.out()).contains("+ feature_view driver_hourly_stats\n")
        .endsWith("Plan: 11 to add, 0 to change, 0 to remove, 0 unchanged.\n");
    assertThat(plan.err()).isEmpty();

    Run apply = parity("apply", "-r", repo.toString());
    assertThat(apply.exitCode()).isZero();
    assertThat(apply.out())
        .endsWith("Applied revision 1 of project 'default': 11 added, 0 changed, 0 removed, 0 unchanged.\n");
    assertThat(apply.err()).isEmpty();

    assertThat(parity("plan", "-r", repo.toString())).isEqualTo(new Run(0, "No changes.\n", ""));
  }

  @Test
  void failsWithEveryErrorPositionOnABrokenRepository() {
    Path repo = SampleRepository.create(temp.resolve("broken"));
    SampleRepository.write(repo, "broken.yaml", SampleRepository.BROKEN);

    Run run = parity("validate", "-r", repo.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    List<String> lines = run.err().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).matches("broken\\.yaml:4:13: unknown source 'driver_stat'.*");
    assertThat(lines.get(1)).matches("broken\\.yaml:11:\\d+: .*vehicle_type.*");
    assertThat(lines.get(2)).matches("broken\\.yaml:12:\\d+: .*no_such_column.*");
    assertThat(lines.get(3)).isEqualTo("parity validate: 3 errors in the feature repository");
  }

  @Test
  void failsWithOneLineForARepositoryThatDoesNotExist() {
    Path missing = temp.resolve("no-such-repo");

    Run run = parity("plan", "-r", missing.toString());

    assertThat(run).isEqualTo(new Run(1, "", "parity plan: no feature repository at " + missing + ": not a directory\n"));
  }

  private static Run parity(String... args) {
    // The repositories' own parity.yaml decides where the registry is.
    return PackagedJar.run(PackagedJar.command(args), environment -> environment.remove(RepositoryConfig.REGISTRY_URL_ENV),
        TIMEOUT, temp);
  }
}
