package dev.parity.reports.consistency;

import dev.parity.reports.consistency.ConsistencyReport.FeatureConsistency;
import dev.parity.reports.consistency.ConsistencyReport.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A {@link ConsistencyReport} as a plain-text table for a terminal: one line per feature, highest
 * mismatch rate first, then the causes found. Thread-safe.
 */
public final class ConsistencyReportText {
  private static final List<String> HEADERS = List.of("feature", "type", "verdict", "total", "both_null",
      "online_only_null", "offline_only_null", "mismatch", "mismatch_rate", "smape", "not_compared", "causes");

  private ConsistencyReportText() {}

  public static String render(ConsistencyReport report) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (FeatureConsistency f : report.features()) {
      rows.add(List.of(f.feature(), f.type(), f.verdict().name(), Long.toString(f.total()), Long.toString(f.bothNull()),
          Long.toString(f.onlineOnlyNull()), Long.toString(f.offlineOnlyNull()), Long.toString(f.mismatch()),
          String.format(Locale.ROOT, "%.4f", f.mismatchRate()),
          f.smape() == null ? "-" : String.format(Locale.ROOT, "%.4f", f.smape()), Long.toString(f.notCompared()),
          f.causes().isEmpty() ? "-" : f.causes().stream().map(c -> c.label() + " " + c.count())
              .collect(Collectors.joining(", "))));
    }
    int[] widths = new int[HEADERS.size()];
    rows.forEach(row -> {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    });
    StringBuilder out = new StringBuilder();
    out.append("Consistency report for service ").append(report.service()).append(": ").append(report.verdict());
    if (report.verdict() == Verdict.FAIL) {
      out.append(" (").append(report.failedFeatures()).append(" of ").append(report.features().size())
          .append(" features above ").append(String.format(Locale.ROOT, "%.4f", report.maxMismatchRate()))
          .append(" mismatches)");
    }
    out.append('\n');
    out.append("  compared: ").append(report.source().description()).append(", ").append(report.rows())
        .append(" rows\n");
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        boolean right = c >= 3 && c < HEADERS.size() - 1;
        String spaces = " ".repeat(widths[c] - cell.length());
        line.append(right ? spaces + cell : cell + spaces).append("  ");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
