package dev.parity.online.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.ParityException;
import dev.parity.online.internal.RedisBinaries.RedisBinary;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisBinariesTest {
  private static final ClassLoader CLASS_PATH = RedisBinariesTest.class.getClassLoader();

  @TempDir Path dir;

  @Test
  void usesTheRedisServerOnThePathWhenOneIsInstalled() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path installed = executable(bin.resolve("redis-server"));

    RedisBinary binary = RedisBinaries.locate(dir.resolve("scratch"), Map.of("PATH", bin.toString()), List.of(),
        "Linux", "amd64", CLASS_PATH);

    assertThat(binary).isEqualTo(new RedisBinary(installed, false));
    assertThat(dir.resolve("scratch")).doesNotExist();
  }

  @Test
  void runsTheBundledRealRedisWhenNoneIsInstalled() {
    RedisBinary binary = RedisBinaries.locate(dir.resolve("scratch"), Map.of("PATH", ""), List.of(),
        System.getProperty("os.name"), System.getProperty("os.arch"), CLASS_PATH);

    assertThat(binary.bundled()).isTrue();
    assertThat(binary.path()).isEqualTo(dir.resolve("scratch/redis-server")).isExecutable();
    assertThat(binary.version()).isEqualTo(RedisBinaries.BUNDLED_VERSION);
    assertThat(binary.describe()).isEqualTo("Redis 7.0.15 bundled with Parity, copied to " + binary.path());
  }

  @Test
  void usesTheBundledRedisWhenAskedToEvenIfOneIsInstalled() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    executable(bin.resolve("redis-server"));

    RedisBinary binary = RedisBinaries.locate(dir.resolve("scratch"),
        Map.of("PATH", bin.toString(), RedisBinaries.FORCE_BUNDLED_ENV, "1"), List.of(), "Linux", "amd64", CLASS_PATH);

    assertThat(binary).isEqualTo(new RedisBinary(dir.resolve("scratch/redis-server"), true));
  }

  @Test
  void saysWhatToInstallWhenNoneIsInstalledAndNoneIsBundledForThePlatform() throws IOException {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> RedisBinaries.locate(dir.resolve("scratch"), Map.of("PATH", ""), List.of(), "Linux",
          "amd64", empty))
          .isInstanceOf(ParityException.class)
          .hasMessageContaining("no redis-server is installed and none is bundled for Linux/amd64")
          .hasMessageContaining("apt-get install redis-server");
    }
  }

  @Test
  void namesThePlatformsAsTheBundleDoes() {
    assertThat(RedisBinaries.platform("Linux", "amd64")).isEqualTo("linux-amd64");
    assertThat(RedisBinaries.platform("Linux", "aarch64")).isEqualTo("linux-arm64");
    assertThat(RedisBinaries.platform("Mac OS X", "x86_64")).isEqualTo("darwin-amd64");
  }

  private static Path executable(Path file) throws IOException {
    Files.writeString(file, "#!/bin/sh\necho 'Redis server v=9.9.9'\n");
    assertThat(file.toFile().setExecutable(true)).isTrue();
    return file;
  }
}
