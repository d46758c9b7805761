package dev.parity.reports.consistency;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.parity.reports.consistency.ConsistencyReport.CauseCount;
import dev.parity.reports.consistency.ConsistencyReport.Example;
import dev.parity.reports.consistency.ConsistencyReport.FeatureConsistency;
import dev.parity.reports.consistency.ConsistencyReport.Verdict;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A {@link ConsistencyReport} as one self-contained HTML page, in the style of the skew report
 * (the same stylesheet partial): a summary table (highest mismatch rate first) and, per feature,
 * an inline SVG bar of its compared rows split into matches and mismatch causes, then each cause
 * with its examples. No script, no external resource. Every text is HTML-escaped by the template
 * engine. Thread-safe.
 */
public final class ConsistencyReportHtml {
  private static final String TEMPLATE = "dev/parity/reports/consistency/consistency-report.html.mustache";
  static final int CHART_WIDTH = 760;

  private final Mustache template;

  public ConsistencyReportHtml() {
    this.template = new DefaultMustacheFactory().compile(TEMPLATE);
  }

  public String render(ConsistencyReport report) {
    StringWriter out = new StringWriter();
    template.execute(out, page(report));
    return out.toString();
  }

  record Page(String service, String verdict, String verdictClass, String createdAt, String source, long rowCount,
      String failed, String threshold, List<Row> rows, List<Section> sections) {}

  record Row(String anchor, String feature, String type, String verdict, String verdictClass, long total, long bothNull,
      long onlineOnlyNull, long offlineOnlyNull, long valueMismatch, String mismatchRate, String smape, long notCompared,
      String causes) {}

  record Section(String anchor, String feature, String verdict, String verdictClass, String summary, int chartWidth,
      List<Segment> segments, List<Cause> causes) {}

  record Segment(String cssClass, double x, double width, String tooltip) {}

  record Cause(String cause, String label, long count, String explanation, List<ExampleRow> examples) {}

  record ExampleRow(String keys, String time, String online, String status, String offline, String materializedUntil,
      String offlineAtMaterialization) {}

  private static Page page(ConsistencyReport report) {
    List<Row> rows = new ArrayList<>();
    List<Section> sections = new ArrayList<>();
    for (int i = 0; i < report.features().size(); i++) {
      FeatureConsistency f = report.features().get(i);
      String anchor = "feature-" + (i + 1);
      rows.add(new Row(anchor, f.feature(), f.type(), f.verdict().name(), css(f.verdict()), f.total(), f.bothNull(),
          f.onlineOnlyNull(), f.offlineOnlyNull(), f.valueMismatch(), percent(f.mismatchRate()),
          f.smape() == null ? "-" : String.format(Locale.ROOT, "%.4f", f.smape()), f.notCompared(), causes(f)));
      List<Cause> causes = f.causes().stream().map(c -> new Cause(c.cause().name().toLowerCase(Locale.ROOT), c.label(),
          c.count(), explanation(c), c.examples().stream().map(ConsistencyReportHtml::example).toList())).toList();
      sections.add(new Section(anchor, f.feature(), f.verdict().name(), css(f.verdict()), f.total() + " rows compared, "
          + (f.total() - f.mismatch()) + " match, " + f.mismatch() + " differ (" + percent(f.mismatchRate()) + ")"
          + (f.notCompared() > 0 ? "; " + f.notCompared() + " not compared" : ""), CHART_WIDTH, segments(f), causes));
    }
    return new Page(report.service(), report.verdict().name(), css(report.verdict()), report.createdAt(),
        report.source().description(), report.rows(), report.failedFeatures() + " of " + report.features().size()
        + " features fail", percent(report.maxMismatchRate()), rows, sections);
  }

  /** Matches, then each cause, as widths proportional to their rows. */
  static List<Segment> segments(FeatureConsistency f) {
    List<Segment> segments = new ArrayList<>();
    if (f.total() == 0) {
      return segments;
    }
    double scale = (CHART_WIDTH - 2.0) / f.total();
    double x = 1;
    long matches = f.total() - f.mismatch();
    if (matches > 0) {
      segments.add(new Segment("match", round(x), round(matches * scale), matches + " rows match"));
      x += matches * scale;
    }
    for (CauseCount cause : f.causes()) {
      segments.add(new Segment("cause-" + cause.cause().ordinal(), round(x), round(cause.count() * scale),
          cause.count() + " rows: " + cause.label()));
      x += cause.count() * scale;
    }
    return segments;
  }

  private static String causes(FeatureConsistency f) {
    return f.causes().isEmpty() ? "-"
        : f.causes().stream().map(c -> c.label() + " " + c.count()).collect(Collectors.joining(", "));
  }

  private static String explanation(CauseCount cause) {
    return switch (cause.cause()) {
      case DEFINITION_VERSION_DIFFERS -> "served under another definition version than the offline path computes with";
      case DECLARED_DEFAULT_APPLIED -> "the declared default was served instead of a stored value";
      case TTL_EXPIRED -> "the stored value was older than the ttl when served";
      case NEVER_MATERIALIZED -> "nothing had been materialized for the entity";
      case MATERIALIZATION_LAG -> "the served value is the offline value at the last materialization's end";
      case VALUE_DIFFERS -> "the same inputs give another value: a skew bug";
    };
  }

  private static ExampleRow example(Example e) {
    return new ExampleRow(e.keys().toString(), e.time(), text(e.online()), e.onlineStatus(), text(e.offline()),
        e.materializedUntil() == null ? "" : e.materializedUntil(),
        e.materializedUntil() == null ? "" : text(e.offlineAtMaterialization()));
  }

  private static String text(Object value) {
    return value == null ? "null" : value.toString();
  }

  private static String css(Verdict verdict) {
    return verdict == Verdict.FAIL ? "fail" : "pass";
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.2f %%", 100 * share);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
