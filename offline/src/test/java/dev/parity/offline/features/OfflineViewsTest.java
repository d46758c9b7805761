package dev.parity.offline.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceFormat;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.OfflineAggregation;
import dev.parity.offline.OfflineView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feature views of the example repository as the engine sees them. */
class OfflineViewsTest {
  @TempDir Path dir;

  @Test
  void resolvesSourcesAgainstTheRootAndUsesTheRepositorysCompiledExpressions() {
    Path repoDir = DriversRepository.create(dir.resolve("drivers"));
    FeatureRepository repository = DriversRepository.load(repoDir);

    OfflineView stats = OfflineViews.from(repository, repository.featureView("driver_hourly_stats").orElseThrow());
    // driver_stats declares no schema: the key's type comes from the Parquet files.
    assertThat(stats.joinKeys()).containsExactly(new ColumnSpec("driver_id", DataType.INT64));
    assertThat(stats.source().format()).isEqualTo(SourceFormat.PARQUET);
    assertThat(Path.of(stats.source().location())).isEqualTo(repository.root().resolve("data/driver_stats"));
    assertThat(stats.source().createdColumn()).contains("created");
    assertThat(stats.ttl()).isEqualTo(Duration.ofDays(2));
    assertThat(stats.features().get(4).expression())
        .containsSame(repository.expression(new FeatureRef("driver_hourly_stats", "trips_log")).orElseThrow());
    assertThat(stats.features().get(0).expression()).isEmpty();

    OfflineView profile = OfflineViews.from(repository, repository.featureView("customer_profile").orElseThrow());
    assertThat(profile.source().format()).isEqualTo(SourceFormat.CSV);
    assertThat(profile.source().csvColumns()).contains(
        new ColumnSpec("segment", DataType.STRING), new ColumnSpec("event_timestamp", DataType.TIMESTAMP));

    OfflineView activity = OfflineViews.from(repository, repository.featureView("driver_activity").orElseThrow(),
        List.of("fare_avg_7d", "trips_7d"));
    assertThat(activity.aggregations()).extracting(OfflineAggregation::name).containsExactly("trips_7d", "fare_avg_7d");
    OfflineAggregation avg = activity.aggregations().get(1);
    assertThat(avg.function()).isEqualTo(AggregationFunction.AVG);
    assertThat(avg.window()).isEqualTo(Duration.ofDays(7));
    assertThat(avg.expression().orElseThrow().canonical()).isEqualTo("(fare * 1.0)");
  }

  @Test
  void failsNamingTheKeyWhenItsTypeCannotBeKnown() throws IOException {
    // The definitions without data: driver_stats has no files and no declared schema.
    Path repoDir = Files.createDirectories(dir.resolve("no-data"));
    Files.copy(DriversRepository.EXAMPLE.resolve("drivers.yaml"), repoDir.resolve("drivers.yaml"));
    FeatureRepository repository = new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(repoDir);

    assertThatThrownBy(() -> OfflineViews.from(repository, repository.featureView("driver_hourly_stats").orElseThrow()))
        .isInstanceOf(InputSchemaException.class)
        .hasMessageContaining("driver_id")
        .hasMessageContaining("source driver_stats declares no schema");
    // trips declares its schema: no files needed.
    assertThat(OfflineViews.from(repository, repository.featureView("driver_activity").orElseThrow()).joinKeys())
        .containsExactly(new ColumnSpec("driver_id", DataType.INT64));
  }
}
