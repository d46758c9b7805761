package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.ParityException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliErrorsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Pattern UNEXPECTED = Pattern.compile(
      "parity plan: unexpected error java\\.lang\\.IllegalStateException \\(error id ([0-9a-f]{16})\\); details in (.+)\n");

  @TempDir Path repo;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CliErrors errors = new CliErrors(new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);

  @Test
  void printsAParityErrorOnOneLine() {
    errors.report("apply", repo, new ParityException("first line\n  second line"));

    assertThat(stderr()).isEqualTo("parity apply: first line; second line\n");
  }

  @Test
  void keepsTheStackTraceOfAnUnexpectedErrorInTheLogUnderItsId() throws IOException {
    errors.report("plan", repo, new IllegalStateException("boom"));

    Matcher line = UNEXPECTED.matcher(stderr());
    assertThat(line.matches()).as(stderr()).isTrue();
    Path log = Path.of(line.group(2));
    assertThat(log).isEqualTo(repo.resolve(".parity/logs/cli.log"));
    assertThat(Files.readString(log))
        .startsWith("2026-02-01T00:00:00Z ERROR error id " + line.group(1) + " in 'parity plan'\n")
        .contains("java.lang.IllegalStateException: boom")
        .contains("\tat dev.parity.server.cli.CliErrorsTest.");
  }

  @Test
  void givesEachUnexpectedErrorItsOwnId() throws IOException {
    errors.report("plan", repo, new IllegalStateException("one"));
    errors.report("plan", repo, new IllegalStateException("two"));

    String[] lines = stderr().split("\n");
    Matcher first = UNEXPECTED.matcher(lines[0] + "\n");
    Matcher second = UNEXPECTED.matcher(lines[1] + "\n");
    assertThat(first.matches() && second.matches()).isTrue();
    assertThat(first.group(1)).isNotEqualTo(second.group(1));
    assertThat(Files.readString(repo.resolve(".parity/logs/cli.log")))
        .contains("error id " + first.group(1)).contains("error id " + second.group(1));
  }

  @Test
  void logsToTheTemporaryDirectoryWithoutARepository() {
    assertThat(CliErrors.logFile(repo.resolve("missing")))
        .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).resolve("parity-cli.log"));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
