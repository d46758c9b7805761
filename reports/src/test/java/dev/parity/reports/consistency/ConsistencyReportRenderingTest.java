package dev.parity.reports.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON, text and HTML forms of a hand-written report. */
class ConsistencyReportRenderingTest {

  @Test
  void theJsonHoldsEveryValueAndReadsBack() {
    ConsistencyReport report = Reports.handWritten();
    String json = ConsistencyReportJson.toJson(report);

    assertThat(json).contains("\"onlineOnlyNull\" : 3")
        .contains("\"cause\" : \"MATERIALIZATION_LAG\"").doesNotContain("\"at\"");
    ConsistencyReport back = ConsistencyReportJson.fromJson(json);
    assertThat(back.features()).extracting(ConsistencyReport.FeatureConsistency::mismatch).containsExactly(4L, 1L, 0L);
    assertThat(back.features().get(0).causes().get(0).examples().get(0).materializedUntil())
        .isEqualTo("2026-01-30T12:00:00Z");
  }

  @Test
  void theTextHasOneLinePerFeatureWithItsCauses() {
    String text = ConsistencyReportText.render(Reports.handWritten());

    assertThat(text).startsWith("Consistency report for service scoring: FAIL (2 of 3 features above 0.0100 mismatches)\n")
        .containsPattern("stats:conv_rate +float64 +FAIL +10 +1 +3 +0 +4 +0\\.4000 +0\\.3000 +0 +materialization lag 1,"
            + " ttl expired 1, never materialized 1, value differs 1\n")
        .containsPattern("stats:vehicle <b> +string +PASS +10 +2 +0 +0 +0 +0\\.0000 +- +2 +-\n");
  }

  @Test
  void theHtmlShowsEachCauseWithItsExamplesEscaped() {
    String html = new ConsistencyReportHtml().render(Reports.handWritten());

    assertThat(html).contains("data-cause=\"materialization_lag\"", "data-cause=\"ttl_expired\"",
        "data-cause=\"never_materialized\"", "data-cause=\"value_differs\"", "data-cause=\"definition_version_differs\"")
        .contains("{driver_id&#61;7777}").contains("stats:vehicle &lt;b&gt;").doesNotContain("stats:vehicle <b>")
        .contains("No mismatch.");
    // One bar per feature: matches and the causes.
    assertThat(ConsistencyReportHtml.segments(Reports.handWritten().features().get(0)))
        .extracting(ConsistencyReportHtml.Segment::cssClass)
        .containsExactly("match", "cause-4", "cause-2", "cause-3", "cause-5");
    assertThat(List.of(html.split("<svg class=\"chart\"", -1))).hasSize(4);
  }
}
