package dev.parity.server.cli;

import dev.parity.offline.Progress;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;

/**
 * Progress of a long job on stderr: rows read and written, partitions joined. On a terminal a
 * single line is redrawn at most every 200 ms; otherwise (a log file, CI) a line is printed at
 * most every 5 seconds or at each further 10% of partitions. Thread-safe: the engine reports from
 * several threads.
 */
final class ProgressLine implements Progress {
  private static final long TERMINAL_PERIOD_MILLIS = 200;
  private static final long LOG_PERIOD_MILLIS = 5_000;
  private final PrintStream err;
  private final String what;
  private final boolean terminal;
  private final Clock clock;
  private long read;
  private long written;
  private int partitionsDone;
  private int partitionsTotal;
  private int lastDecile;
  private long lastPrinted;
  private boolean drawn;

  ProgressLine(PrintStream err, String what, boolean terminal, Clock clock) {
    this.err = err;
    this.what = what;
    this.terminal = terminal;
    this.clock = clock;
    this.lastPrinted = clock.millis();
  }

  @Override
  public synchronized void rowsRead(String table, long rows) {
    read += rows;
    maybePrint(false);
  }

  @Override
  public synchronized void partitionDone(int done, int total) {
    partitionsDone = Math.max(partitionsDone, done);
    partitionsTotal = total;
    int decile = total == 0 ? 0 : done * 10 / total;
    boolean step = decile > lastDecile;
    lastDecile = Math.max(lastDecile, decile);
    maybePrint(step && !terminal);
  }

  @Override
  public synchronized void rowsWritten(long rows) {
    written += rows;
    maybePrint(false);
  }

  /** Ends the progress line, so what follows starts on a line of its own. */
  synchronized void finish() {
    if (terminal && drawn) {
      err.print("\r" + line() + "\n");
      err.flush();
      drawn = false;
    }
  }

  private void maybePrint(boolean force) {
    long now = clock.millis();
    if (!force && now - lastPrinted < (terminal ? TERMINAL_PERIOD_MILLIS : LOG_PERIOD_MILLIS)) {
      return;
    }
    lastPrinted = now;
    if (terminal) {
      err.print("\r" + line());
      drawn = true;
    } else {
      err.println(line());
    }
    err.flush();
  }

  private String line() {
    String partitions = partitionsTotal == 0 ? ""
        : String.format(Locale.ROOT, ", %d/%d partitions", partitionsDone, partitionsTotal);
    return String.format(Locale.ROOT, "%s: %,d rows read, %,d rows out%s", what, read, written, partitions);
  }
}
