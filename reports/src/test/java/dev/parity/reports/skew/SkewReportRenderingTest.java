package dev.parity.reports.skew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.reports.skew.SkewReport.Bin;
import dev.parity.reports.skew.SkewReport.Dataset;
import dev.parity.reports.skew.SkewReport.FeatureSkew;
import dev.parity.reports.skew.SkewReport.Settings;
import dev.parity.reports.skew.SkewReport.Statistic;
import dev.parity.reports.skew.SkewReport.Summary;
import dev.parity.reports.skew.SkewReport.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's JSON, text and HTML forms, on a report written by hand. */
class SkewReportRenderingTest {
  static final String HOSTILE = "<script>alert('x')</script> & \"q\"";

  static SkewReport handWritten() {
    FeatureSkew vehicle = new FeatureSkew("stats:vehicle", "stats__vehicle", "string", "categorical", Verdict.FAIL, 2.5, true,
        List.of(new Statistic("linf", 0.25, 0.1, Verdict.FAIL, null), new Statistic("null_rate", 0.0, null, null, null)),
        new Summary(4, 0, 0, null, null, null, null, 2), new Summary(4, 0, 0, null, null, null, null, 3),
        List.of(new Bin("sedan", "category", 0.5, 0.25), new Bin(HOSTILE, "category", 0.5, 0.5),
            new Bin("other", "other", 0, 0.25), new Bin("missing", "missing", 0, 0)));
    FeatureSkew rate = new FeatureSkew("stats:rate", "stats__rate", "float64", "numeric", Verdict.PASS, 0.1, false,
        List.of(new Statistic("psi", 0.02, 0.2, Verdict.PASS, null), new Statistic("js", 0.01, 0.1, Verdict.PASS, null),
            new Statistic("ks", 0.03, null, null, null),
            new Statistic("wasserstein", null, null, null, "undefined: the current side has no finite value"),
            new Statistic("null_rate", -0.01, null, null, null)),
        new Summary(100, 1, 0.01, 0.0, 1.0, 0.5, 0.2, null), new Summary(100, 0, 0, 0.0, 1.0, 0.5, 0.2, null),
        List.of(new Bin("< 0", "below", 0, 0), new Bin("[0, 0.5]", "range", 0.5, 0.49), new Bin("(0.5, 1]", "range", 0.49, 0.51),
            new Bin("> 1", "above", 0, 0), new Bin("missing", "missing", 0.01, 0)));
    return new SkewReport("scoring", "2026-02-01T12:00:00Z", new Dataset("Parquet file /data/ref " + HOSTILE, 100),
        new Dataset("Parquet file /data/cur.parquet", 100), Verdict.FAIL, 1,
        new Settings(10, 20, 1e-4, 1024, 0.0027), List.of(vehicle, rate));
  }

  @Test
  void jsonRoundTripsAndLeavesOutWhatIsUndefined() {
    SkewReport report = handWritten();
    String json = SkewReportJson.toJson(report);
    assertThat(SkewReportJson.fromJson(json)).isEqualTo(report);
    assertThat(json).contains("\"verdict\" : \"FAIL\"").contains("\"name\" : \"wasserstein\",\n")
        .contains("\"note\" : \"undefined: the current side has no finite value\"");
    assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void textTableMarksFailingValues() {
    String text = SkewReportText.render(handWritten());
    assertThat(text).startsWith("Skew report for service scoring: FAIL (1 of 2 features)\n");
    assertThat(text).containsPattern("stats:vehicle +string +FAIL +0.2500! +0.0000");
    assertThat(text).containsPattern("stats:rate +float64 +PASS +0.0200 +0.0100 +0.0300 +- +-0.0100");
  }

  @Test
  void htmlEscapesEveryTextFromTheReport() {
    String html = new SkewReportHtml().render(handWritten());
    assertThat(html).doesNotContain("<script>").doesNotContain(HOSTILE);
    assertThat(html).contains("&lt;script&gt;alert(");
    assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(https?:|//)");
  }

  @Test
  void htmlHasASummaryRowAndAChartPerFeatureMostSevereFirst() {
    String html = new SkewReportHtml().render(handWritten());
    assertThat(html.split("<svg class=\"chart\"", -1)).hasSize(3);
    assertThat(html.indexOf("data-feature=\"stats:vehicle\"")).isLessThan(html.indexOf("data-feature=\"stats:rate\""));
    assertThat(html.split("<tr class=\"(fail|pass)\">", -1)).hasSize(3);
  }
}
