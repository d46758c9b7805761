package dev.parity.server.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Prometheus text format as exporters write it, and the lines that are not it. */
class PrometheusTextTest {
  @Test
  void readsSamplesWithLabelsEscapesTimestampsAndSpecialValues() {
    String text = """
        # HELP model_accuracy Accuracy observed in production.
        # TYPE model_accuracy gauge
        model_accuracy{model="eta",stage="prod"} 0.81
        model_accuracy{ model = "eta" , stage="canary", } 7.5e-1 1700000000000
        path_info{path="C:\\\\data\\"x\\"\\nnext"} 1
        up 1
        inf_one{le="+Inf"} +Inf
        neg -Inf
        nothing NaN

        http_requests_total{code="200"} 1027 # {trace_id="abc"} 1.0
        """;

    List<PrometheusText.Sample> samples = PrometheusText.parse(text.replace("\n", "\r\n"));

    assertThat(samples).hasSize(8);
    assertThat(samples.get(0)).isEqualTo(new PrometheusText.Sample("model_accuracy",
        Map.of("model", "eta", "stage", "prod"), 0.81));
    assertThat(samples.get(1)).isEqualTo(new PrometheusText.Sample("model_accuracy",
        Map.of("model", "eta", "stage", "canary"), 0.75));
    assertThat(samples.get(2).labels()).containsEntry("path", "C:\\data\"x\"\nnext");
    assertThat(samples.get(3)).isEqualTo(new PrometheusText.Sample("up", Map.of(), 1));
    assertThat(samples.get(4).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(samples.get(5).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(samples.get(6).value()).isNaN();
    assertThat(samples.get(7).value()).isEqualTo(1027);
    assertThat(samples.get(0).matches("model_accuracy", Map.of("model", "eta"))).isTrue();
    assertThat(samples.get(0).matches("model_accuracy", Map.of("model", "eta", "stage", "canary"))).isFalse();
    assertThat(samples.get(0).matches("model_latency", Map.of())).isFalse();
  }

  @Test
  void refusesMalformedLinesNamingTheLine() {
    assertThatThrownBy(() -> PrometheusText.parse("up 1\nup{job=\"a\" 1\n"))
        .isInstanceOf(PrometheusText.FormatException.class).hasMessageStartingWith("line 2: expected ',' or '}'");
    assertThatThrownBy(() -> PrometheusText.parse("up one")).hasMessageStartingWith("line 1: 'one' is not a number");
    assertThatThrownBy(() -> PrometheusText.parse("up")).hasMessageStartingWith("line 1: missing value");
    assertThatThrownBy(() -> PrometheusText.parse("up{job=\"a} 1")).hasMessageContaining("unterminated value");
    assertThatThrownBy(() -> PrometheusText.parse("up{job=\"\\t\"} 1")).hasMessageContaining("unknown escape");
    assertThatThrownBy(() -> PrometheusText.parse("up{a=\"1\",a=\"2\"} 1")).hasMessageContaining("repeated");
    assertThatThrownBy(() -> PrometheusText.parse("up 1 2 3")).hasMessageContaining("after the value");
    assertThatThrownBy(() -> PrometheusText.parse("<html>")).hasMessageContaining("expected a metric name");
    assertThatThrownBy(() -> PrometheusText.parse("up Infinity")).hasMessageContaining("is not a number");
  }
}
