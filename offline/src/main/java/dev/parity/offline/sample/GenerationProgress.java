package dev.parity.offline.sample;

import dev.parity.offline.terminal.RedrawnLine;
import java.io.PrintStream;

/**
 * Rows-written progress on stderr: one line rewritten in place on a terminal (every 1%), a plain
 * line every 10% otherwise. Counts rows, not time, so it never reads a clock. Not thread-safe.
 */
final class GenerationProgress {
  private final RedrawnLine line;
  private final boolean enabled;
  private final boolean terminal;
  private final long total;
  private long done;
  private long lastStep = -1;

  GenerationProgress(PrintStream err, boolean enabled, boolean terminal, long total) {
    this.line = new RedrawnLine(err, terminal);
    this.enabled = enabled && total > 0;
    this.terminal = terminal;
    this.total = total;
  }

  void advance(String table) {
    done++;
    if (!enabled) {
      return;
    }
    long percent = done * 100 / total;
    long step = terminal ? percent : percent / 10 * 10;
    if (step != lastStep) {
      lastStep = step;
      line.show(String.format("generating %-16s %3d%%  %,d / %,d rows", table, percent, done, total));
    }
  }

  void finish() {
    line.finish();
  }
}
