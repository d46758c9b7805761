package dev.parity.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.version.RepositoryVersions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringThresholdsTest {
  private static final FeatureRef CONV_RATE = new FeatureRef("driver_hourly_stats", "conv_rate");
  private static final FeatureRef TRIPS_LOG = new FeatureRef("driver_hourly_stats", "trips_log");
  private static final FeatureRef TRIPS_7D = new FeatureRef("driver_activity", "trips_7d");
  private static final FeatureRef CONV_PLUS_VAL = new FeatureRef("driver_adjusted", "conv_plus_val");

  @TempDir Path dir;

  /** The drivers repository with monitoring blocks on driver_hourly_stats and driver_ranking_v1. */
  private Path withMonitoring() {
    Path copy = Fixtures.copy(Fixtures.drivers(), dir.resolve("repo"));
    Fixtures.replaceOnce(copy.resolve("drivers.yaml"), "      baseline: data/reference/driver_stats.parquet\n",
        """
              baseline: data/reference/driver_stats.parquet
            monitoring:
              psi: 0.3
              ks: 0.2
              features:
                conv_rate: { psi: 0.05, js: 0.04 }
                trips_log: { js: 0.06 }
        """);
    Fixtures.replaceOnce(copy.resolve("services.yaml"), "      driver_adjusted: [conv_plus_val]\n",
        """
              driver_adjusted: [conv_plus_val]
            monitoring:
              js: 0.15
              null_rate: 0.01
              features:
                driver_hourly_stats:conv_rate: { psi: 0.5 }
        """);
    return copy;
  }

  @Test
  void withoutMonitoringEveryFeatureHasTheDefaults() {
    FeatureRepository repo = Fixtures.load(Fixtures.drivers());
    Thresholds thresholds = MonitoringThresholds.of(repo, Optional.of("driver_ranking_v1"), CONV_RATE);
    assertThat(thresholds.values()).isEqualTo(Map.of(DriftStatistic.PSI, 0.2, DriftStatistic.JS, 0.1, DriftStatistic.LINF, 0.1));
    assertThat(thresholds).isEqualTo(Thresholds.defaults());
  }

  @Test
  void readsTheBlocksOfViewsAndServices() {
    FeatureRepository repo = Fixtures.load(withMonitoring());
    Monitoring view = repo.featureView("driver_hourly_stats").orElseThrow().monitoring();
    assertThat(view.thresholds().values()).isEqualTo(Map.of(DriftStatistic.PSI, 0.3, DriftStatistic.KS, 0.2));
    assertThat(view.features()).containsOnlyKeys("conv_rate", "trips_log");
    Monitoring service = repo.featureService("driver_ranking_v1").orElseThrow().monitoring();
    assertThat(service.features()).containsOnlyKeys("driver_hourly_stats:conv_rate");
    assertThat(repo.featureView("driver_activity").orElseThrow().monitoring()).isEqualTo(Monitoring.none());
  }

  @Test
  void eachStatisticTakesTheMostSpecificThresholdSet() {
    FeatureRepository repo = Fixtures.load(withMonitoring());
    Optional<String> service = Optional.of("driver_ranking_v1");
    // service's feature entry (psi) > view's feature entry (js) > service block > view block (ks) > defaults (linf)
    assertThat(MonitoringThresholds.of(repo, service, CONV_RATE).values()).isEqualTo(Map.of(
        DriftStatistic.PSI, 0.5, DriftStatistic.JS, 0.04, DriftStatistic.KS, 0.2,
        DriftStatistic.NULL_RATE, 0.01, DriftStatistic.LINF, 0.1));
    // the view's feature entry (js) beats the service block; psi: the service sets none, so the view block's
    assertThat(MonitoringThresholds.of(repo, service, TRIPS_LOG).values()).isEqualTo(Map.of(
        DriftStatistic.PSI, 0.3, DriftStatistic.JS, 0.06, DriftStatistic.KS, 0.2,
        DriftStatistic.NULL_RATE, 0.01, DriftStatistic.LINF, 0.1));
    // another view of the service: service block, then defaults
    assertThat(MonitoringThresholds.of(repo, service, TRIPS_7D).values()).isEqualTo(Map.of(
        DriftStatistic.PSI, 0.2, DriftStatistic.JS, 0.15, DriftStatistic.NULL_RATE, 0.01, DriftStatistic.LINF, 0.1));
    // an on-demand feature has no view block
    assertThat(MonitoringThresholds.of(repo, service, CONV_PLUS_VAL).get(DriftStatistic.JS)).hasValue(0.15);
    // outside the service (a feature list) only the view's settings count
    assertThat(MonitoringThresholds.of(repo, Optional.empty(), CONV_RATE).values()).isEqualTo(Map.of(
        DriftStatistic.PSI, 0.05, DriftStatistic.JS, 0.04, DriftStatistic.KS, 0.2, DriftStatistic.LINF, 0.1));
  }

  @Test
  void monitoringChangesNoVersion() {
    RepositoryVersions plain = RepositoryVersions.of(Fixtures.load(Fixtures.drivers()));
    RepositoryVersions monitored = RepositoryVersions.of(Fixtures.load(withMonitoring()));
    plain.objects().forEach((key, object) ->
        assertThat(monitored.get(key).orElseThrow().canonicalJson()).as(key.toString()).isEqualTo(object.canonicalJson()));
  }

  @Test
  void builtInJavaAsInYaml() {
    FeatureView view = FeatureView.builder("v").entities("driver").source("s")
        .feature(new Feature("x", DataType.FLOAT64, Optional.empty()))
        .monitoring(new Monitoring(new Thresholds(Map.of(DriftStatistic.PSI, 0.4)), Map.of()))
        .build();
    assertThat(view.monitoring().thresholds().get(DriftStatistic.PSI)).hasValue(0.4);
    assertThat(new FeatureView("v", view.entities(), "s", view.ttl(), false, view.features(), view.aggregations(),
        Optional.empty()).monitoring()).isEqualTo(Monitoring.none());
  }
}
