package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.server.testing.PackagedJar;
import dev.parity.server.testing.PackagedJar.Run;
import dev.parity.server.testing.SampleRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code parity} launcher's class-data-sharing archive: recorded by the first successful
 * command, used by the next ones, never written by a failed one, and never visible in a
 * command's output. The launcher runs from a copy of the project layout whose jar is the packaged
 * one, so it never decides to rebuild.
 */
@Tag("packaged")
class LauncherIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path temp;

  @Test
  void theFirstSuccessfulCommandRecordsTheArchiveAndLaterCommandsMapIt() throws Exception {
    Path root = layout();
    Path repo = SampleRepository.create(temp.resolve("drivers"));
    Path archive = root.resolve("server/target/parity.jsa");

    Run failed = launch(root, Map.of(), "validate", "-r", temp.resolve("missing").toString());
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err()).startsWith("parity validate: no feature repository at ");
    assertThat(archive).doesNotExist();
    try (var files = Files.list(archive.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith("parity.jsa"));
    }

    Run first = launch(root, Map.of(), "validate", "-r", repo.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err()).isEmpty();
    assertThat(archive).isRegularFile();

    // -Xshare:on makes the JVM fail rather than run without an archive it cannot map.
    Run second = launch(root, Map.of("PARITY_JAVA_OPTS", "-Xshare:on"), "validate", "-r", repo.toString());
    assertThat(second).isEqualTo(first);

    Run off = launch(root, Map.of("PARITY_CDS", "0"), "validate", "-r", repo.toString());
    assertThat(off).isEqualTo(first);
  }

  @Test
  void aNewerJarIsNotRunWithTheOldArchive() throws Exception {
    Path root = layout();
    Path repo = SampleRepository.create(temp.resolve("drivers"));
    Path archive = root.resolve("server/target/parity.jsa");
    assertThat(launch(root, Map.of(), "validate", "-r", repo.toString()).exitCode()).isZero();
    assertThat(archive).isRegularFile();
    Path jar = archive.resolveSibling("parity.jar");
    // As after a rebuild: the jar is newer than the archive.
    Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));

    Run run = launch(root, Map.of(), "validate", "-r", repo.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    // Recorded again for the jar it now runs.
    assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(Files.getLastModifiedTime(jar));
  }

  @Test
  void oneShotCommandsRunWithTheSerialCollectorAndC1UnlessTheOptionsChooseOthers() throws Exception {
    Path root = layout();
    Path repo = SampleRepository.create(temp.resolve("drivers"));

    // The JVM prints its command-line flags on stdout before the command's output.
    Run chosen = launch(root, Map.of("PARITY_CDS", "0", "PARITY_JAVA_OPTS", "-XX:+PrintCommandLineFlags"),
        "validate", "-r", repo.toString());
    Run asked = launch(root, Map.of("PARITY_CDS", "0",
        "PARITY_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:+UseG1GC -XX:TieredStopAtLevel=4"),
        "validate", "-r", repo.toString());

    assertThat(chosen.exitCode()).as(chosen.err()).isZero();
    assertThat(chosen.out()).contains("-XX:+UseSerialGC").doesNotContain("-XX:+UseG1GC")
        .contains("-XX:TieredStopAtLevel=1").contains("OK: ");
    assertThat(asked.exitCode()).as(asked.err()).isZero();
    assertThat(asked.out()).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC")
        .contains("-XX:TieredStopAtLevel=4").doesNotContain("-XX:TieredStopAtLevel=1").contains("OK: ");
  }

  /** {@code root/parity} and {@code root/server/target/parity.jar} (a copy), nothing else. */
  private Path layout() throws IOException {
    Path root = Files.createDirectories(temp.resolve("project"));
    Path target = Files.createDirectories(root.resolve("server/target"));
    Files.copy(Path.of(System.getProperty("parity.launcher")), root.resolve("parity"));
    Files.copy(PackagedJar.jar(), target.resolve("parity.jar"));
    return root;
  }

  /** {@code bash root/parity args...}, with only the launcher settings in {@code environment}. */
  private Run launch(Path root, Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("parity").toString()));
    command.addAll(List.of(args));
    return PackagedJar.run(command, inherited -> {
      inherited.remove("PARITY_JAVA_OPTS");
      inherited.remove("PARITY_CDS");
      inherited.putAll(environment);
    }, TIMEOUT, temp);
  }
}
