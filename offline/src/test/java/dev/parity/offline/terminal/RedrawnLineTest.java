package dev.parity.offline.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The status line as a terminal and a log see it. */
class RedrawnLineTest {
  private static final Clock STILL = Clock.fixed(Instant.parse("2026-01-31T00:00:00Z"), ZoneOffset.UTC);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void aLogGetsEachLineOnItsOwnAndTheLastOnlyIfItIsNew() {
    RedrawnLine line = new RedrawnLine(out, false);

    line.show("a: 10 rows");
    line.show("a: 2 rows");
    line.finish("a: 2 rows");

    assertThat(output()).isEqualTo("a: 10 rows\na: 2 rows\n");
  }

  @Test
  void aLogGetsTheFinalLineWhenItDiffersFromTheLastShown() {
    RedrawnLine line = new RedrawnLine(out, false);

    line.show("a: 10 rows");
    line.finish("a: 10 rows, done");

    assertThat(output()).isEqualTo("a: 10 rows\na: 10 rows, done\n");
  }

  @Test
  void aTerminalLineIsRedrawnOverTheLongerOneAndEndedWithTheFinalLine() {
    RedrawnLine line = new RedrawnLine(out, true);

    line.show("a: 10 rows");
    line.show("a: 2 rows");
    line.finish("a: 3");

    assertThat(output()).isEqualTo("\ra: 10 rows\ra: 2 rows \ra: 3     \n");
  }

  @Test
  void finishingAsItStandsEndsADrawnTerminalLineWithANewline() {
    RedrawnLine line = new RedrawnLine(out, true);

    line.show("50%");
    line.finish();
    line.finish();

    assertThat(output()).isEqualTo("\r50%\n");
  }

  @Test
  void nothingShownMeansNothingToFinish() {
    RedrawnLine terminal = new RedrawnLine(out, true);
    RedrawnLine log = new RedrawnLine(out, false);

    terminal.finish("totals");
    terminal.finish();
    log.finish("totals");

    assertThat(terminal.shownAny()).isFalse();
    assertThat(output()).isEmpty();
  }

  @Test
  void aLineWithAClockIsDueOnlyOnceItsPeriodHasPassed() {
    RedrawnLine throttled = new RedrawnLine(out, true, STILL, Duration.ofMillis(200));
    RedrawnLine unthrottled = new RedrawnLine(out, true, STILL, Duration.ZERO);

    assertThat(throttled.due()).as("the clock stands still: 0 of 200 ms").isFalse();
    assertThat(unthrottled.due()).isTrue();
    assertThat(new RedrawnLine(out, true).due()).as("without a clock the caller throttles").isTrue();
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
