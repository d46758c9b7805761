package dev.parity.server.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.online.FeatureValue;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.registry.metadata.SkewReport;
import dev.parity.registry.metadata.TriggerFiring;
import dev.parity.registry.metadata.TriggerRun;
import dev.parity.server.core.ServedDefinitions;
import dev.parity.server.lookup.LookupService;
import dev.parity.server.testing.SampleRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A metric trigger fires on a report's statistic, a validation failure, the service's NOT_FOUND rate, a
 * Prometheus sample, once after its debounce; and not otherwise.
 */
class MetricSourcesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private static String metric(String name, String condition) {
    return """
          - name: %s
            kind: metric
            metric: %s
            service: driver_ranking_v1
            entities: entities.csv
            hook: { command: ["true"] }
        """.formatted(name, condition);
  }

  private static List<TriggerFiring> firings(TriggersFixture.Server server, String trigger) {
    return server.metadata().triggerFirings(server.triggers.project(), trigger, 1000).stream()
        .sorted(Comparator.comparing(TriggerFiring::id)).toList();
  }

  private static JsonNode watch(TriggersFixture.Server server, String trigger) {
    return server.metadata().triggerState(server.triggers.project(), trigger).orElseThrow();
  }

  /** A skew report of the service as the metadata store keeps it: each feature's statistics. */
  private static long plantSkewReport(TriggersFixture.Server server, double convRatePsi, double accRatePsi) {
    JsonNode report = JSON.valueToTree(Map.of("service", "driver_ranking_v1", "features", List.of(
        Map.of("feature", "driver_hourly_stats:conv_rate", "statistics", List.of(Map.of("name", "psi", "value",
            convRatePsi), Map.of("name", "js", "value", 0.01))),
        Map.of("feature", "driver_hourly_stats:acc_rate", "statistics", List.of(Map.of("name", "psi", "value",
            accRatePsi))))));
    return server.metadata().recordSkewReport(new SkewReport(server.triggers.project(), "distribution",
        JSON.createObjectNode(), report, Math.max(convRatePsi, accRatePsi))
        .withService("driver_ranking_v1", "a".repeat(64))).id();
  }

  @Test
  void aReportStatisticFiresWhenAPlantedReportOfTheServiceCrossesItsThreshold() {
    String triggers = "triggers:\n"
        + metric("conv_rate_psi", "{ source: report, report: skew, feature: \"driver_hourly_stats:conv_rate\", "
            + "statistic: psi, above: 0.2 }").replace("    hook:", "    debounce: 2m\n    hook:")
        + metric("worst_psi", "{ source: report, report: skew, above: 0.5 }")
        + metric("mismatches", "{ source: report, report: consistency, above: 0.05 }");
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), triggers)) {
      TriggersFixture.Server server = fixture.server();
      server.scheduler.tick();
      assertThat(firings(server, "conv_rate_psi")).as("no report yet").isEmpty();

      plantSkewReport(server, 0.1, 0.3);
      fixture.clock.advance(Duration.ofMinutes(1));
      server.scheduler.tick();
      assertThat(firings(server, "conv_rate_psi")).as("another feature's psi is beyond, not this one's").isEmpty();
      assertThat(watch(server, "conv_rate_psi").get("value").asDouble()).isEqualTo(0.1);

      long crossing = plantSkewReport(server, 0.25, 0.3);
      fixture.clock.advance(Duration.ofMinutes(1));
      server.scheduler.tick();
      assertThat(firings(server, "conv_rate_psi")).as("beyond, but not yet for its debounce").isEmpty();
      fixture.clock.advance(Duration.ofMinutes(2));
      server.scheduler.tick();
      server.scheduler.tick();
      List<TriggerFiring> fired = firings(server, "conv_rate_psi");
      assertThat(fired).hasSize(1);
      assertThat(fired.get(0).reason()).startsWith("skew report " + crossing
          + " psi of driver_hourly_stats:conv_rate = 0.25").contains("crossed skew report psi of "
          + "driver_hourly_stats:conv_rate above 0.2").endsWith("held for PT2M");
      assertThat(firings(server, "worst_psi")).as("the worst psi, 0.3, is not above 0.5").isEmpty();
      assertThat(firings(server, "mismatches")).as("a skew report is not a consistency report").isEmpty();

      plantSkewReport(server, 0.05, 0.7);
      fixture.clock.advance(Duration.ofMinutes(1));
      server.scheduler.tick();
      assertThat(firings(server, "worst_psi")).hasSize(1);
      assertThat(firings(server, "conv_rate_psi")).hasSize(1);

      plantSkewReport(server, 0.3, 0.8);
      fixture.clock.advance(Duration.ofMinutes(1));
      server.scheduler.tick();
      fixture.clock.advance(Duration.ofMinutes(2));
      server.scheduler.tick();
      assertThat(firings(server, "conv_rate_psi")).as("came back, then crossed again").hasSize(2);
      assertThat(firings(server, "worst_psi")).as("stayed beyond: no new crossing").hasSize(1);

      // A consistency report as the consistency-report command stores it (the report record's fields).
      JsonNode consistency = JSON.valueToTree(Map.of("service", "driver_ranking_v1", "features", List.of(
          Map.of("feature", "driver_hourly_stats:conv_rate", "mismatchRate", 0.02),
          Map.of("feature", "driver_hourly_stats:acc_rate", "mismatchRate", 0.08))));
      server.metadata().recordSkewReport(new SkewReport(server.triggers.project(), "value_consistency",
          JSON.createObjectNode(), consistency, 0.08).withService("driver_ranking_v1", "a".repeat(64)));
      server.scheduler.tick();
      assertThat(firings(server, "mismatches")).hasSize(1);
      assertThat(watch(server, "mismatches").get("value").asDouble()).as("the worst feature's").isEqualTo(0.08);
    }
  }

  /** The share of values a lookup answered NOT_FOUND, join key columns left out, as counted per service. */
  private static double[] notFound(OnlineFeaturesResponse response) {
    double[] counts = new double[2];
    for (int c = 0; c < response.featureNames().size(); c++) {
      if (!response.featureNames().get(c).equals("driver_id")) {
        for (FeatureValue value : response.results().get(c).entries()) {
          counts[0]++;
          counts[1] += value.status() == FeatureValue.Status.NOT_FOUND ? 1 : 0;
        }
      }
    }
    return counts;
  }

  @Test
  void theServicesNotFoundRateFiresAfterItsDebounceAndAgainOnlyAfterAQuietWindow() {
    String triggers = "triggers:\n" + metric("misses", "{ source: server, name: not_found_rate, window: 10m, above: 0.2 }")
        .replace("    hook:", "    debounce: 1m\n    hook:");
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), triggers)) {
      TriggersFixture.Server server = fixture.server();
      MetricRegistry registry = new MetricRegistry();
      LookupService lookups = new LookupService(ServedDefinitions.open(server.stores), registry);
      TriggerScheduler scheduler = new TriggerScheduler(server.triggers, fixture.clock, Duration.ofMinutes(2), registry);
      OnlineFeaturesRequest unknownDriver = OnlineFeaturesRequest.forService("driver_ranking_v1",
          Map.of("driver_id", List.of(9999))).withRequestData(Map.of("val_to_add", List.of(1)));
      // Looked up by features, not by the service: not the service's lookups.
      lookups.get(OnlineFeaturesRequest.forFeatures(List.of("driver_hourly_stats:conv_rate"),
          Map.of("driver_id", List.of(9999))));
      scheduler.tick();
      assertThat(watch(server, "misses").has("value")).as("no lookup of the service yet").isFalse();

      double[] counts = notFound(lookups.get(unknownDriver));
      assertThat(counts[1] / counts[0]).as("the unknown driver's values are missing").isGreaterThan(0.2);
      scheduler.tick();
      assertThat(watch(server, "misses").get("value").asDouble()).isEqualTo(counts[1] / counts[0]);
      fixture.clock.advance(Duration.ofMinutes(1));
      lookups.get(unknownDriver);
      scheduler.tick();
      scheduler.tick();
      List<TriggerFiring> fired = firings(server, "misses");
      assertThat(fired).hasSize(1);
      assertThat(fired.get(0).reason()).startsWith("not_found_rate of service driver_ranking_v1 ("
          + (long) (2 * counts[1]) + " of " + (long) (2 * counts[0]) + " values)");

      fixture.clock.advance(Duration.ofMinutes(11));
      scheduler.tick();
      assertThat(watch(server, "misses").has("value")).as("no lookup in the last 10 minutes").isFalse();
      lookups.get(unknownDriver);
      scheduler.tick();
      fixture.clock.advance(Duration.ofMinutes(1));
      scheduler.tick();
      assertThat(firings(server, "misses")).hasSize(2);
    }
  }

  @Test
  void aValidationFailureOfTheServicesViewsFiresAndPassingValidationDoesNot() {
    String triggers = "triggers:\n" + metric("invalid_data", "{ source: validation, above: 0 }")
        .replace("    hook:", "    debounce: 1m\n    hook:") + """
          - name: retrain
            kind: adhoc
            service: driver_ranking_v1
            entities: entities.csv
            hook: { command: ["true"] }
        """;
    try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), triggers)) {
      TriggersFixture.Server server = fixture.server();
      server.scheduler.tick();
      assertThat(watch(server, "invalid_data").has("value")).as("nothing validated yet").isFalse();
      server.triggers.fire("retrain", Optional.of("validates the views"));
      server.scheduler.tick();
      assertThat(watch(server, "invalid_data").get("value").asDouble()).isZero();
      assertThat(firings(server, "invalid_data")).isEmpty();

      SampleRepository.edit(fixture.root, SampleRepository.DEFINITIONS, "row_count: { min: 100 }",
          "row_count: { min: 100000000 }");
      fixture.apply();
      TriggersFixture.Server after = fixture.server();
      TriggerRun failed = after.metadata().triggerRun(after.triggers.fire("retrain", Optional.empty()).runId()
          .orElseThrow()).orElseThrow();
      assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("data validation failed"));
      fixture.clock.advance(Duration.ofMinutes(1));
      after.scheduler.tick();
      assertThat(firings(after, "invalid_data")).as("beyond, but not yet for its debounce").isEmpty();
      fixture.clock.advance(Duration.ofMinutes(1));
      after.scheduler.tick();
      after.scheduler.tick();

      List<TriggerFiring> fired = firings(after, "invalid_data");
      assertThat(fired).hasSize(1);
      assertThat(fired.get(0).reason()).startsWith("validation failed_checks of driver_hourly_stats = 1.0")
          .contains("above 0.0");
    }
  }

  @Test
  void aPrometheusSampleFiresAfterItsDebounceAndAnUnreadableEndpointIsRecordedWithoutStoppingOthers() {
    try (MetricEndpoint endpoint = new MetricEndpoint()) {
      String triggers = "triggers:\n"
          + metric("prom", "{ source: prometheus, url: \"" + endpoint.url("/metrics") + "\", name: model_accuracy, "
              + "labels: { model: eta }, below: 0.8 }").replace("    hook:", "    debounce: 5m\n    hook:")
          + metric("prom_hangs", "{ source: prometheus, url: \"" + endpoint.url("/hang")
              + "\", name: up, timeout: 1s, above: 0 }");
      try (TriggersFixture fixture = TriggersFixture.create(temp.resolve("repo"), Map.of(), triggers)) {
        TriggersFixture.Server server = fixture.server();
        endpoint.answer(200, """
            # TYPE model_accuracy gauge
            model_accuracy{model="eta",stage="prod"} 0.91
            model_accuracy{model="other"} 0.2
            """);
        server.scheduler.tick();
        assertThat(watch(server, "prom").get("value").asDouble()).as("the other model's sample does not count")
            .isEqualTo(0.91);
        assertThat(watch(server, "prom_hangs").get("error").asText())
            .isEqualTo(endpoint.url("/hang") + " did not answer within PT1S");

        endpoint.answer(200, "model_accuracy{model=\"eta\",stage=\"prod\"} 0.75\n");
        fixture.clock.advance(Duration.ofMinutes(1));
        server.scheduler.tick();
        fixture.clock.advance(Duration.ofMinutes(4));
        server.scheduler.tick();
        assertThat(firings(server, "prom")).as("debounce").isEmpty();

        // Unreadable for a while: recorded, and the time the value has held is kept.
        endpoint.answer(500, "oops");
        server.scheduler.tick();
        assertThat(watch(server, "prom").get("error").asText()).isEqualTo(endpoint.url("/metrics") + " answered 500");
        endpoint.answer(200, "<html>not metrics</html>");
        server.scheduler.tick();
        assertThat(watch(server, "prom").get("error").asText()).contains("did not answer Prometheus text: line 1");
        endpoint.answer(200, "other_metric 1\n");
        server.scheduler.tick();
        assertThat(watch(server, "prom").get("error").asText()).contains("has no sample of model_accuracy{model=\"eta\"}");
        assertThat(firings(server, "prom")).isEmpty();

        endpoint.answer(200, "model_accuracy{model=\"eta\",stage=\"prod\"} 0.74\n");
        fixture.clock.advance(Duration.ofMinutes(1));
        server.scheduler.tick();
        server.scheduler.tick();
        List<TriggerFiring> fired = firings(server, "prom");
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).reason()).startsWith("model_accuracy{model=\"eta\"} at " + endpoint.url("/metrics")
            + " = 0.74").endsWith("held for PT5M");
        assertThat(watch(server, "prom").has("error")).isFalse();
        assertThat(firings(server, "prom_hangs")).isEmpty();

        endpoint.answer(200, "model_accuracy{model=\"eta\"} 0.85\n");
        server.scheduler.tick();
        endpoint.answer(200, "model_accuracy{model=\"eta\"} 0.7\n");
        server.scheduler.tick();
        fixture.clock.advance(Duration.ofMinutes(5));
        server.scheduler.tick();
        assertThat(firings(server, "prom")).as("came back above 0.8, then crossed again").hasSize(2);
      }
    }
  }
}
