package dev.parity.registry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.online.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {
  @TempDir Path dir;

  @Test
  void usesTheNewestDebianPostgresqlWhenOneIsInstalled() throws IOException {
    Path debian = dir.resolve("postgresql");
    executable(debian.resolve("13/bin/initdb"));
    executable(debian.resolve("15/bin/initdb"));

    Path bin = PostgresBinaries.binDir(dir.resolve("scratch"), Map.of("PATH", ""), debian, "Linux", "amd64");

    assertThat(bin).isEqualTo(debian.resolve("15/bin"));
    assertThat(dir.resolve("scratch")).doesNotExist();
  }

  @Test
  void unpacksTheBundledRealPostgresqlWhenNoneIsInstalled() {
    Path bin = PostgresBinaries.binDir(dir.resolve("scratch"), Map.of("PATH", ""), dir.resolve("none"), "Linux",
        "amd64");

    assertThat(bin).isEqualTo(dir.resolve("scratch/bin"));
    assertThat(List.of("initdb", "pg_ctl", "postgres")).allSatisfy(tool -> assertThat(bin.resolve(tool)).isExecutable());
    assertThat(dir.resolve("scratch/lib/libpq.so.5")).isSymbolicLink();
    String version = ServerProcess.run(List.of(bin.resolve("postgres").toString(), "--version"), dir, Duration.ofSeconds(30));
    assertThat(version).startsWith("postgres (PostgreSQL) 15.");
  }

  @Test
  void usesTheBundledPostgresqlWhenAskedToEvenIfOneIsInstalled() throws IOException {
    Path debian = dir.resolve("postgresql");
    executable(debian.resolve("15/bin/initdb"));

    Path bin = PostgresBinaries.binDir(dir.resolve("scratch"), Map.of("PARITY_USE_BUNDLED_SERVERS", "1"), debian,
        "Linux", "amd64");

    assertThat(bin).isEqualTo(dir.resolve("scratch/bin"));
  }

  private static void executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    assertThat(file.toFile().setExecutable(true)).isTrue();
  }
}
