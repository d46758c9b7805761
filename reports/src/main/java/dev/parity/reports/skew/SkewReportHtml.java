package dev.parity.reports.skew;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.parity.reports.skew.SkewReport.Bin;
import dev.parity.reports.skew.SkewReport.FeatureSkew;
import dev.parity.reports.skew.SkewReport.Statistic;
import dev.parity.reports.skew.SkewReport.Summary;
import dev.parity.reports.skew.SkewReport.Verdict;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link SkewReport} as one self-contained HTML page: a summary table (most severe feature
 * first) and, per feature, an inline SVG histogram of the reference's bins with both sides'
 * shares overlaid, then every statistic. No script, no external resource (a Content Security
 * Policy forbids loading any): the page opens from a file. Every text from the report is
 * HTML-escaped by the template engine (Mustache's {@code {{value}}}). Thread-safe.
 */
public final class SkewReportHtml {
  private static final String TEMPLATE = "dev/parity/reports/skew/skew-report.html.mustache";
  static final int CHART_WIDTH = 760;
  static final int PLOT_LEFT = 48;
  static final int PLOT_TOP = 16;
  static final int PLOT_HEIGHT = 180;
  static final int LABEL_HEIGHT = 110;
  private static final int LABEL_CHARS = 26;

  private final Mustache template;

  public SkewReportHtml() {
    this.template = new DefaultMustacheFactory().compile(TEMPLATE);
  }

  public String render(SkewReport report) {
    StringWriter out = new StringWriter();
    template.execute(out, new Page(report));
    return out.toString();
  }

  /** What the template shows; every field a plain value. */
  record Page(String service, String verdict, String verdictClass, String createdAt, Side reference, Side current,
      String failed, String settings, List<Row> rows, List<Section> sections) {
    Page(SkewReport report) {
      this(report.service(), report.verdict().name(), cssClass(report.verdict()), report.createdAt(),
          new Side(report.reference().description(), report.reference().rows()),
          new Side(report.current().description(), report.current().rows()),
          report.failedFeatures() + " of " + report.features().size() + " features fail",
          String.format(Locale.ROOT, "%d quantile bins; top %d categories, then other; empty PSI bins count as %s; "
              + "KLL sketches with k = %d (rank error %.2f %% once estimating)", report.settings().numericBins(),
              report.settings().topCategories(), format(report.settings().psiEmptyBin()), report.settings().quantileSketchK(),
              100 * report.settings().quantileRankError()),
          SkewReportHtml.rows(report), SkewReportHtml.sections(report));
    }
  }

  record Side(String description, long rows) {}

  /** A line of the summary table. */
  record Row(String anchor, String feature, String type, String verdict, String verdictClass, String severity, List<Cell> cells) {}

  record Cell(String text, String cssClass, String title) {}

  /** One feature's part of the page. */
  record Section(String anchor, String feature, String column, String type, String kind, String verdict, String verdictClass,
      String exactness, String referenceSummary, String currentSummary, Chart chart, List<StatisticRow> statistics) {}

  record StatisticRow(String name, String value, String threshold, String verdict, String verdictClass, String note) {}

  /** An SVG histogram: bars of the reference and the current side overlaid in each bin. */
  record Chart(int width, int height, int plotLeft, int plotRight, int plotTop, int plotBottom, List<Tick> ticks,
      List<Bar> bars, String feature) {}

  record Tick(int y, String label) {}

  record Bar(String label, String shortLabel, String tooltip, double x, double width, double referenceY,
      double referenceHeight, double currentY, double currentHeight, double labelX, int labelY) {}

  private static List<Row> rows(SkewReport report) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < report.features().size(); i++) {
      FeatureSkew feature = report.features().get(i);
      List<Cell> cells = new ArrayList<>();
      for (String name : SkewReportText.STATISTICS) {
        Statistic statistic = feature.statistics().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        if (statistic == null) {
          cells.add(new Cell("", "na", "not computed for " + feature.kind() + " features"));
        } else {
          cells.add(new Cell(value(statistic), statistic.verdict() == null ? "unjudged" : cssClass(statistic.verdict()),
              statistic.threshold() == null ? "no threshold" : "threshold " + format(statistic.threshold())));
        }
      }
      rows.add(new Row(anchor(i), feature.feature(), feature.type(), feature.verdict().name(), cssClass(feature.verdict()),
          String.format(Locale.ROOT, "%.2f", feature.severity()), cells));
    }
    return rows;
  }

  private static List<Section> sections(SkewReport report) {
    List<Section> sections = new ArrayList<>();
    for (int i = 0; i < report.features().size(); i++) {
      FeatureSkew f = report.features().get(i);
      List<StatisticRow> statistics = new ArrayList<>();
      for (Statistic s : f.statistics()) {
        statistics.add(new StatisticRow(s.name(), value(s), s.threshold() == null ? "none" : format(s.threshold()),
            s.verdict() == null ? "not judged" : s.verdict().name(), s.verdict() == null ? "unjudged" : cssClass(s.verdict()),
            s.note() == null ? "" : s.note()));
      }
      sections.add(new Section(anchor(i), f.feature(), f.column(), f.type(), f.kind(), f.verdict().name(), cssClass(f.verdict()),
          f.exact() ? "exact" : "approximate (sketched)", summary(f.reference()), summary(f.current()), chart(f), statistics));
    }
    return sections;
  }

  static Chart chart(FeatureSkew feature) {
    List<Bin> bins = feature.bins();
    int plotRight = CHART_WIDTH - 8;
    int plotBottom = PLOT_TOP + PLOT_HEIGHT;
    double top = 0;
    for (Bin bin : bins) {
      top = Math.max(top, Math.max(bin.reference(), bin.current()));
    }
    top = top == 0 ? 1 : niceCeiling(top);
    double slot = (double) (plotRight - PLOT_LEFT) / bins.size();
    List<Bar> bars = new ArrayList<>();
    for (int b = 0; b < bins.size(); b++) {
      Bin bin = bins.get(b);
      double x = PLOT_LEFT + b * slot + slot * 0.1;
      double width = slot * 0.8;
      double rh = PLOT_HEIGHT * bin.reference() / top;
      double ch = PLOT_HEIGHT * bin.current() / top;
      String tooltip = bin.label() + ": reference " + percent(bin.reference()) + ", current " + percent(bin.current());
      String shortLabel = bin.label().length() <= LABEL_CHARS ? bin.label() : bin.label().substring(0, LABEL_CHARS - 1) + "…";
      bars.add(new Bar(bin.label(), shortLabel, tooltip, round(x), round(width), round(plotBottom - rh), round(rh),
          round(plotBottom - ch), round(ch), round(x + width / 2), plotBottom + 12));
    }
    List<Tick> ticks = new ArrayList<>();
    // top is 1, 2, 2.5 or 5 times a power of ten: fifths (quarters of a 2) fall on round numbers
    int steps = Math.abs(top / Math.pow(10, Math.floor(Math.log10(top))) - 2) < 1e-9 ? 4 : 5;
    for (int t = 0; t <= steps; t++) {
      double share = top * t / steps;
      ticks.add(new Tick((int) Math.round(plotBottom - PLOT_HEIGHT * share / top), percent(share)));
    }
    return new Chart(CHART_WIDTH, plotBottom + LABEL_HEIGHT, PLOT_LEFT, plotRight, PLOT_TOP, plotBottom, ticks, bars,
        feature.feature());
  }

  /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code value}. */
  private static double niceCeiling(double value) {
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private static String summary(Summary s) {
    StringBuilder text = new StringBuilder();
    text.append(s.rows()).append(" rows, ").append(s.missing()).append(" missing (").append(percent(s.missingRate())).append(')');
    if (s.mean() != null) {
      text.append(", min ").append(format(s.min())).append(", max ").append(format(s.max())).append(", mean ")
          .append(format(s.mean())).append(", sd ").append(format(s.standardDeviation()));
    }
    if (s.distinctCategories() != null) {
      text.append(", ").append(s.distinctCategories()).append(" categories");
    }
    return text.toString();
  }

  private static String anchor(int index) {
    return "feature-" + (index + 1);
  }

  private static String cssClass(Verdict verdict) {
    return verdict == Verdict.FAIL ? "fail" : "pass";
  }

  private static String value(Statistic statistic) {
    return statistic.value() == null ? "undefined" : String.format(Locale.ROOT, "%.4f", statistic.value());
  }

  private static String percent(double share) {
    return NumericBins.formatNumber(Math.round(1000 * share) / 10.0) + " %";
  }

  private static String format(double value) {
    return NumericBins.formatNumber(value);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
