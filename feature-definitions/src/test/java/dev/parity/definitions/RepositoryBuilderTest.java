package dev.parity.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.version.RepositoryVersions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepositoryBuilderTest {
  private static final OptionalDouble NONE = OptionalDouble.empty();

  /** The drivers repository of {@code repos/drivers}, written in Java. */
  static FeatureRepository.Builder driversInJava() {
    Source driverStats =
        Source.builder("driver_stats").format(SourceFormat.PARQUET).path("data/driver_stats")
            .timestampColumn("event_timestamp").createdTimestampColumn("created").build();
    Source trips =
        Source.builder("trips").format(SourceFormat.CSV).path("data/trips.csv").timestampColumn("event_timestamp")
            .column("trip_id", SourceColumnType.INT64).column("driver_id", SourceColumnType.INT64)
            .column("customer_id", SourceColumnType.INT64).column("fare", SourceColumnType.FLOAT64)
            .column("vehicle_type", SourceColumnType.STRING).column("event_timestamp", SourceColumnType.TIMESTAMP).build();
    ValidationRules statsRules =
        new ValidationRules(
            Optional.of(new RowCountRule(OptionalLong.of(100), OptionalLong.of(100_000_000))),
            Optional.of(Duration.ofDays(2)),
            Map.of("conv_rate", new ColumnRules(OptionalDouble.of(0.1), OptionalDouble.of(0.0), OptionalDouble.of(1.0), List.of())),
            Optional.of("data/reference/driver_stats.parquet"));
    ValidationRules activityRules =
        new ValidationRules(
            Optional.of(new RowCountRule(OptionalLong.of(1), OptionalLong.empty())),
            Optional.empty(),
            Map.of(
                "fare", new ColumnRules(NONE, OptionalDouble.of(0.0), NONE, List.of()),
                "vehicle_type", new ColumnRules(OptionalDouble.of(0.0), NONE, NONE, List.of("sedan", "suv", "van"))),
            Optional.empty());
    return FeatureRepository.builder(Fixtures.drivers())
        .config(new RepositoryConfig("drivers", RepositoryConfig.DEFAULT_REGISTRY_URL, OnlineConfig.redis("redis://127.0.0.1:6379"), "./.parity/offline"))
        .entity(Entity.of("driver", "driver_id"))
        .entity(Entity.of("customer", "customer_id"))
        .source(driverStats)
        .source(trips)
        .featureView(
            FeatureView.builder("driver_hourly_stats").entities("driver").source("driver_stats").ttl(Duration.ofDays(2)).online(true)
                .feature(Feature.column("conv_rate", DataType.FLOAT64))
                .feature(Feature.column("acc_rate", DataType.FLOAT64))
                .feature(Feature.column("avg_daily_trips", DataType.INT64))
                .feature(Feature.derived("trips_log", DataType.FLOAT64, "log1p(avg_daily_trips)"))
                .validation(statsRules)
                .build())
        .featureView(
            FeatureView.builder("driver_activity").entities("driver").source("trips").online(true)
                .aggregation(Aggregation.count("trips_7d", Duration.ofDays(7)))
                .aggregation(Aggregation.ofColumn("fare_sum_1d", AggregationFunction.SUM, "fare", Duration.ofDays(1)))
                .aggregation(Aggregation.ofExpr("fare_avg_7d", AggregationFunction.AVG, "fare * 1.0", Duration.ofDays(7)))
                .validation(activityRules)
                .build())
        .featureView(
            FeatureView.builder("customer_trips").entities("customer").source("trips").ttl(Duration.ofDays(30))
                .feature(Feature.column("fare", DataType.FLOAT64))
                .feature(Feature.column("vehicle_type", DataType.STRING))
                .feature(Feature.derived("long_trip", DataType.BOOL, "fare > 50.0"))
                .build())
        .onDemandFeatureView(
            OnDemandFeatureView.builder("driver_adjusted").request("val_to_add", DataType.INT64)
                .feature("conv_plus_val", DataType.FLOAT64, "driver_hourly_stats.conv_rate + val_to_add").build())
        .featureService(
            FeatureService.builder("driver_ranking_v1").features("driver_hourly_stats", "conv_rate", "trips_log")
                .allFeatures("driver_activity").features("driver_adjusted", "conv_plus_val").build())
        .featureService(FeatureService.builder("customer_v1").allFeatures("customer_trips").build());
  }

  @Test
  void javaBuiltRepositoryEqualsTheYamlOneWithTheSameVersions() {
    FeatureRepository built = driversInJava().build();
    FeatureRepository loaded = Fixtures.load(Fixtures.drivers());
    assertThat(built).isEqualTo(loaded).hasSameHashCodeAs(loaded);
    assertThat(RepositoryVersions.of(built).objects()).isEqualTo(RepositoryVersions.of(loaded).objects());
    assertThat(built.expressions().keySet()).isEqualTo(loaded.expressions().keySet());
  }

  @Test
  void javaBuiltErrorsNameTheElementPath() {
    FeatureRepository.Builder builder = driversInJava()
        .featureView(FeatureView.builder("bad").entities("drivr").source("trips").feature(Feature.derived("x", DataType.FLOAT64, "fare + nope")).build());
    assertThatThrownBy(builder::build)
        .isInstanceOf(DefinitionException.class)
        .hasMessage(
            "feature_view/bad/entities/drivr: unknown entity 'drivr' (did you mean 'driver'?)\n"
                + "feature_view/bad/features/x/expr: unknown column 'nope' in source 'trips'");
  }

  @Test
  void recordsRejectInvalidValuesInTheirConstructors() {
    assertThatThrownBy(() -> Entity.of("driver")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no join keys");
    assertThatThrownBy(() -> Entity.of("1driver", "id")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an identifier");
    assertThatThrownBy(() -> Source.builder("s").format(SourceFormat.CSV).path("a.csv").timestampColumn("ts").build())
        .hasMessageContaining("needs a declared schema");
    assertThatThrownBy(() -> Source.builder("s").path("/abs/a").timestampColumn("ts").build()).hasMessageContaining("relative");
    assertThatThrownBy(() -> Aggregation.ofColumn("a", AggregationFunction.SUM, "x", Duration.ZERO)).hasMessageContaining("window");
    assertThatThrownBy(() -> new Aggregation("a", AggregationFunction.SUM, Optional.empty(), Optional.empty(), Duration.ofDays(1)))
        .hasMessageContaining("needs a column or expr");
    assertThatThrownBy(() -> FeatureView.builder("v").entities("e").source("s").build()).hasMessageContaining("either features or aggregations");
    assertThatThrownBy(() -> FeatureView.builder("v").entities("e").source("s").ttl(Duration.ofDays(1))
        .aggregation(Aggregation.count("n_7d", Duration.ofDays(7))).build())
        .hasMessage("feature view 'v': ttl 1d is shorter than the window of aggregation 'n_7d' (1w); use ttl 0 or at least "
            + "the longest window");
    assertThat(FeatureView.builder("v").entities("e").source("s").ttl(Duration.ofDays(7))
        .aggregation(Aggregation.count("n_7d", Duration.ofDays(7))).build().ttl()).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> new ColumnRules(OptionalDouble.of(1.5), NONE, NONE, List.of())).hasMessageContaining("between 0 and 1");
  }

  @Test
  void durationsParseTheDefinitionSyntaxAndFormatBack() {
    assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("1w")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(Durations.format(Duration.ofHours(48))).isEqualTo("2d");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThatThrownBy(() -> Durations.parse("1h30m")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durations.parse("-1d")).isInstanceOf(IllegalArgumentException.class);
  }
}
