package dev.parity.offline.terminal;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * A status line on a stream: on a terminal it is redrawn in place (a carriage return, then the
 * line, padded with spaces over what a longer line drawn before left), and {@link #finish} ends it
 * with a newline so that what follows starts on a line of its own; elsewhere (a log file, CI) each
 * line is printed on its own. Callers say what to show and when; {@link #due} throttles them by
 * time when the line was built with a clock. Not thread-safe: callers that report from several
 * threads synchronize.
 */
public final class RedrawnLine {
  private final PrintStream out;
  private final boolean terminal;
  private final Clock clock;
  private final long periodMillis;
  private long lastShown;
  /** The line last shown, null before the first. */
  private String shown;
  /** Whether a line is drawn on the terminal and not yet ended by a newline. */
  private boolean drawn;

  /**
   * A line throttled by time: {@link #due} once {@code period} has passed since the last line
   * shown (or since construction).
   */
  public RedrawnLine(PrintStream out, boolean terminal, Clock clock, Duration period) {
    this.out = requireNonNull(out, "out is null");
    this.terminal = terminal;
    this.clock = requireNonNull(clock, "clock is null");
    this.periodMillis = requireNonNull(period, "period is null").toMillis();
    this.lastShown = clock.millis();
  }

  /** A line the caller throttles itself (by steps of work, say): it never reads a clock. */
  public RedrawnLine(PrintStream out, boolean terminal) {
    this.out = requireNonNull(out, "out is null");
    this.terminal = terminal;
    this.clock = null;
    this.periodMillis = 0;
  }

  /** Whether the period has passed since the last line shown; always, without a clock. */
  public boolean due() {
    return clock == null || clock.millis() - lastShown >= periodMillis;
  }

  /** Whether a line was shown. */
  public boolean shownAny() {
    return shown != null;
  }

  /** Shows {@code line} now: redrawn over the last on a terminal, printed on its own elsewhere. */
  public void show(String line) {
    requireNonNull(line, "line is null");
    if (clock != null) {
      lastShown = clock.millis();
    }
    if (terminal) {
      out.print("\r" + padded(line));
      drawn = true;
    } else {
      out.println(line);
    }
    shown = line;
    out.flush();
  }

  /**
   * Ends the line with {@code last}, if any line was shown (a short task shows nothing): on a
   * terminal, {@code last} drawn over the line and a newline; elsewhere {@code last} printed
   * unless it is the line printed last.
   */
  public void finish(String last) {
    requireNonNull(last, "last is null");
    if (shown == null) {
      return;
    }
    if (terminal) {
      if (drawn) {
        out.print("\r" + padded(last) + "\n");
        drawn = false;
      }
    } else if (!last.equals(shown)) {
      out.println(last);
    }
    shown = last;
    out.flush();
  }

  /** Ends the line as it stands: on a terminal, a newline after the line drawn; elsewhere nothing. */
  public void finish() {
    if (terminal && drawn) {
      out.println();
      drawn = false;
      out.flush();
    }
  }

  /** {@code line}, with spaces over what a longer line drawn before left on the terminal. */
  private String padded(String line) {
    return shown == null || shown.length() <= line.length() ? line : line + " ".repeat(shown.length() - line.length());
  }
}
