package dev.parity.reports.skew;

import dev.parity.reports.skew.SkewReport.FeatureSkew;
import dev.parity.reports.skew.SkewReport.Statistic;
import dev.parity.reports.skew.SkewReport.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link SkewReport} as a plain-text table for a terminal: one line per feature, most severe
 * first, each statistic's value with {@code !} after a failing one. Thread-safe.
 */
public final class SkewReportText {
  static final List<String> STATISTICS = List.of("psi", "js", "ks", "wasserstein", "linf", "null_rate");
  private static final List<String> HEADERS = List.of("feature", "type", "verdict", "psi", "js", "ks", "wasserstein", "linf", "null_rate");

  private SkewReportText() {}

  public static String render(SkewReport report) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (FeatureSkew feature : report.features()) {
      List<String> row = new ArrayList<>(List.of(feature.feature(), feature.type(), feature.verdict().name()));
      for (String name : STATISTICS) {
        row.add(feature.statistics().stream().filter(s -> s.name().equals(name)).findFirst().map(SkewReportText::cell).orElse(""));
      }
      rows.add(row);
    }
    int[] widths = new int[HEADERS.size()];
    rows.forEach(row -> {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    });
    StringBuilder out = new StringBuilder();
    out.append("Skew report for service ").append(report.service()).append(": ").append(report.verdict());
    if (report.verdict() == Verdict.FAIL) {
      out.append(" (").append(report.failedFeatures()).append(" of ").append(report.features().size()).append(" features)");
    }
    out.append('\n');
    out.append("  reference: ").append(report.reference().description()).append(", ").append(report.reference().rows()).append(" rows\n");
    out.append("  current:   ").append(report.current().description()).append(", ").append(report.current().rows()).append(" rows\n");
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        // names left, numbers right
        line.append(c < 3 ? pad(cell, widths[c], false) : pad(cell, widths[c], true)).append("  ");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** A value to 4 decimals, {@code -} when undefined, {@code !} after a failing one. */
  static String cell(Statistic statistic) {
    String value = statistic.value() == null ? "-" : String.format(Locale.ROOT, "%.4f", statistic.value());
    return statistic.verdict() == Verdict.FAIL ? value + "!" : value + " ";
  }

  private static String pad(String text, int width, boolean right) {
    String spaces = " ".repeat(width - text.length());
    return right ? spaces + text : text + spaces;
  }
}
