package dev.parity.server.cli;

import dev.parity.offline.Progress;
import dev.parity.offline.terminal.RedrawnLine;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a long job on stderr: rows read, partitions joined, rows out. On a terminal a
 * single line is redrawn at most every 200 ms; otherwise (a log file, CI) a line is printed at
 * most every 5 seconds or at each further 10% of partitions, and {@link #finish} prints the totals
 * the last line did not show. Rows out appear once there are some: a training set writes its rows
 * after the partitions are joined, and "0 rows out" on every partition line read as a run that
 * wrote nothing. A new partition total starts a new phase (the next view of a materialization).
 * Thread-safe: the engine reports from several threads.
 */
final class ProgressLine implements Progress {
  private static final Duration TERMINAL_PERIOD = Duration.ofMillis(200);
  private static final Duration LOG_PERIOD = Duration.ofSeconds(5);
  private final RedrawnLine out;
  private final String what;
  private final boolean terminal;
  private long read;
  private long written;
  private int partitionsDone;
  private int partitionsTotal;
  private int lastDecile;
  private boolean finished;

  ProgressLine(PrintStream err, String what, boolean terminal, Clock clock) {
    this.out = new RedrawnLine(err, terminal, clock, terminal ? TERMINAL_PERIOD : LOG_PERIOD);
    this.what = what;
    this.terminal = terminal;
  }

  @Override
  public synchronized void rowsRead(String table, long rows) {
    read += rows;
    maybePrint(false);
  }

  @Override
  public synchronized void partitionDone(int done, int total) {
    // Workers report out of order within a phase.
    if (total != partitionsTotal) {
      partitionsTotal = total;
      partitionsDone = done;
      lastDecile = 0;
    } else {
      partitionsDone = Math.max(partitionsDone, done);
    }
    int decile = total == 0 ? 0 : partitionsDone * 10 / total;
    boolean step = decile > lastDecile;
    lastDecile = Math.max(lastDecile, decile);
    maybePrint(step && !terminal);
  }

  @Override
  public synchronized void rowsWritten(long rows) {
    written += rows;
    maybePrint(false);
  }

  /**
   * Ends the progress: the line with the totals, rows out included, when it differs from the last
   * one shown (nothing if no line was shown: a short job prints only its result), so what follows
   * starts on a line of its own. Call it when the job ends, failed or not.
   */
  synchronized void finish() {
    finished = true;
    if (out.shownAny()) {
      out.finish(line());
    }
  }

  private void maybePrint(boolean force) {
    if (finished || !force && !out.due()) {
      return;
    }
    out.show(line());
  }

  private String line() {
    StringBuilder line = new StringBuilder(what).append(": ")
        .append(String.format(Locale.ROOT, "%,d rows read", read));
    if (partitionsTotal > 0) {
      line.append(String.format(Locale.ROOT, ", %d/%d partitions", partitionsDone, partitionsTotal));
    }
    if (written > 0 || finished) {
      line.append(String.format(Locale.ROOT, ", %,d rows out", written));
    }
    return line.toString();
  }
}
