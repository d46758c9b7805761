package dev.parity.online.internal;

import static java.util.Objects.requireNonNull;

import dev.parity.ParityException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a real {@code redis-server} for the quickstart and the tests: the one installed on the
 * machine (on the {@code PATH}, or Debian's {@code /usr/bin}) when there is one, the production
 * path; otherwise the static Redis {@value #BUNDLED_VERSION} build shipped as a resource of
 * {@code org.signal:embedded-redis} (the same version as Debian 12's), copied out of the class path
 * into a directory of the caller's. So a machine with only a JDK and Maven runs the quickstart and
 * the tests against a real server, never an imitation. {@value #FORCE_BUNDLED_ENV}{@code =1} uses
 * the bundled build even when one is installed (CI proves the fresh-machine path with it).
 */
public final class RedisBinaries {
  /** Environment variable that, set to {@code 1} or {@code true}, skips the installed servers. */
  public static final String FORCE_BUNDLED_ENV = "PARITY_USE_BUNDLED_SERVERS";

  /** The Redis version of the bundled binaries. */
  public static final String BUNDLED_VERSION = "7.0.15";

  private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"));
  private static final Pattern VERSION = Pattern.compile("\\bv=(\\S+)");

  private RedisBinaries() {}

  /** A {@code redis-server} executable and where it came from. */
  public record RedisBinary(Path path, boolean bundled) {
    public RedisBinary {
      requireNonNull(path, "path is null");
    }

    /**
     * What {@code redis-server --version} reports, e.g. {@code 7.0.15}.
     *
     * @throws ParityException if the binary does not run or prints no version
     */
    public String version() {
      try {
        Process process = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
          process.destroyForcibly();
          throw new ParityException(path + " --version failed: " + out.strip());
        }
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
          throw new ParityException(path + " --version printed no version: " + out.strip());
        }
        return m.group(1);
      } catch (IOException e) {
        throw new ParityException("cannot run " + path + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ParityException("interrupted running " + path + " --version", e);
      }
    }

    /**
     * For people: {@code Redis 7.0.15 at /usr/bin/redis-server}, or {@code Redis 7.0.15 bundled
     * with Parity, copied to PATH}.
     */
    public String describe() {
      return "Redis " + version() + (bundled ? " bundled with Parity, copied to " : " at ") + path;
    }
  }

  /**
   * The installed {@code redis-server}, or the bundled one copied into {@code scratch} (created if
   * needed; the caller deletes it when done).
   *
   * @throws ParityException if none is installed and none is bundled for this platform
   */
  public static RedisBinary locate(Path scratch) {
    return locate(scratch, System.getenv(), SYSTEM_DIRS, System.getProperty("os.name"), System.getProperty("os.arch"),
        RedisBinaries.class.getClassLoader());
  }

  static RedisBinary locate(Path scratch, Map<String, String> env, List<Path> systemDirs, String osName, String osArch,
      ClassLoader classLoader) {
    if (!forceBundled(env)) {
      Optional<Path> installed = onPath("redis-server", env.getOrDefault("PATH", ""), systemDirs);
      if (installed.isPresent()) {
        return new RedisBinary(installed.get(), false);
      }
    }
    String resource = "redis-server-" + BUNDLED_VERSION + "-" + platform(osName, osArch);
    try (InputStream in = classLoader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ParityException("no redis-server is installed and none is bundled for " + osName + "/" + osArch
            + " (looked for the class-path resource " + resource + " of org.signal:embedded-redis); install Redis "
            + "(apt-get install redis-server) or point Parity at a running one");
      }
      Files.createDirectories(scratch);
      Path target = scratch.resolve("redis-server");
      // Written under another name and moved: a concurrent reader never sees half a binary.
      Path partial = Files.createTempFile(scratch, "redis-server", ".partial");
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      if (!partial.toFile().setExecutable(true, false)) {
        throw new ParityException("cannot make " + partial + " executable");
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new RedisBinary(target, true);
    } catch (IOException e) {
      throw new ParityException("cannot copy the bundled redis-server into " + scratch + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@value #FORCE_BUNDLED_ENV} asks for the bundled servers. */
  public static boolean forceBundled(Map<String, String> env) {
    String value = env.getOrDefault(FORCE_BUNDLED_ENV, "").trim().toLowerCase(Locale.ROOT);
    return value.equals("1") || value.equals("true") || value.equals("yes");
  }

  /** {@code name} in a directory of {@code path} (colon-separated) or of {@code extraDirs}. */
  public static Optional<Path> onPath(String name, String path, List<Path> extraDirs) {
    List<Path> dirs = new ArrayList<>();
    for (String dir : path.split(":")) {
      if (!dir.isEmpty()) {
        dirs.add(Path.of(dir));
      }
    }
    dirs.addAll(extraDirs);
    return dirs.stream().map(d -> d.resolve(name)).filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  /** The platform suffix of the bundled binaries: {@code linux-amd64}, {@code darwin-arm64}, ... */
  static String platform(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String system = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin" : os.replace(' ', '_');
    String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      default -> osArch;
    };
    return system + "-" + arch;
  }
}
