package dev.parity.reports.skew;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium (shared by the page tests of every report), run once per page operation with a fresh profile, no network
 * services and console messages logged to stderr.
 */
public final class Chromium {
  static final String INSTALL = "apt-get install -y chromium";
  private static final long TIMEOUT_SECONDS = 180;

  private final Path binary;
  private final Path work;

  private Chromium(Path binary, Path work) {
    this.binary = binary;
    this.work = work;
  }

  /** The {@code chromium} on the PATH; fails the test (never skips it) when there is none. */
  public static Chromium find(Path work) {
    Optional<Path> binary = onPath("chromium");
    if (binary.isEmpty()) {
      fail("headless Chromium is needed to check the HTML report, and there is no 'chromium' on the PATH; "
          + "install Debian's package: " + INSTALL);
    }
    return new Chromium(binary.get(), work);
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** What one run printed. */
  public record Run(String stdout, String stderr) {
    /** The page's console messages (errors, CSP violations, logs), one per line. */
    public List<String> consoleMessages() {
      return stderr.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
    }
  }

  /** The page's DOM after loading. */
  public Run dumpDom(Path page) throws IOException, InterruptedException {
    return run("dom", page, "--dump-dom");
  }

  /** A screenshot of the page's first {@code height} pixels, {@code width} wide. */
  public Run screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
    return run("screenshot", page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars");
  }

  private Run run(String name, Path page, String... extra) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(work.resolve(name + "-profile"));
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(), "--enable-logging=stderr", "--v=0"));
    command.addAll(List.of(extra));
    command.add(page.toAbsolutePath().toUri().toString());
    Path out = work.resolve(name + ".stdout");
    Path err = work.resolve(name + ".stderr");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
    }
    if (process.exitValue() != 0) {
      fail("chromium exited with " + process.exitValue() + ": " + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
