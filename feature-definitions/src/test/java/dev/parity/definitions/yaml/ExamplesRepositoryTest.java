package dev.parity.definitions.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.DefinitionException;
import dev.parity.definitions.SourceColumnType;
import dev.parity.definitions.SourceSchema;
import dev.parity.definitions.SourceSchemaResolver;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sample repository users read first ({@code examples/drivers}) must always load: it is the
 * quickstart's input and the README's tour. Its Parquet data is generated, so here it loads
 * without file schemas; the offline module checks it again against generated files.
 */
class ExamplesRepositoryTest {

  @Test
  void loadsTheDriversExampleWithEveryKindOfObject() {
    FeatureRepository repo = new RepositoryLoader(SourceSchemaResolver.none(), Map.of())
        .load(Path.of("..", "examples", "drivers"));

    assertThat(repo.entities()).hasSize(2);
    assertThat(repo.featureViews()).extracting(v -> v.name())
        .containsExactlyInAnyOrder("driver_hourly_stats", "driver_activity", "customer_profile");
    assertThat(repo.onDemandFeatureViews()).hasSize(1);
    assertThat(repo.featureServices()).extracting(s -> s.name())
        .containsExactlyInAnyOrder("driver_ranking_v1", "trip_acceptance_v1");
    assertThat(repo.featureView("driver_hourly_stats").orElseThrow().validation()).isPresent();
    assertThat(repo.featureType(new FeatureRef("driver_activity", "trips_7d"))).contains(DataType.INT64);
    assertThat(repo.expression(new FeatureRef("driver_adjusted", "conv_plus_val")).orElseThrow().type()).isEqualTo(DataType.FLOAT64);
  }

  @Test
  void holdsADeclaredParquetSchemaToWhatTheFilesHave() {
    // The files of 'trips' disagree with its declared schema: fare is a string, distance_km is gone.
    Map<String, SourceColumnType> files = new LinkedHashMap<>(Map.of(
        "trip_id", SourceColumnType.INT64, "driver_id", SourceColumnType.INT32,
        "customer_id", SourceColumnType.INT64, "event_timestamp", SourceColumnType.TIMESTAMP,
        "fare", SourceColumnType.STRING));
    SourceSchemaResolver resolver = (source, root) ->
        source.name().equals("trips") ? Optional.of(new SourceSchema(files)) : Optional.empty();

    assertThatThrownBy(() -> new RepositoryLoader(resolver, Map.of()).load(Path.of("..", "examples", "drivers")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("drivers.yaml:")
        .hasMessageContaining("source 'trips' declares column 'fare' as float64 but its files have string")
        .hasMessageContaining("source 'trips' declares column 'distance_km' but its files do not have it")
        // int32 in the files widens to the declared int64: no error for driver_id.
        .satisfies(e -> assertThat(((DefinitionException) e).errors()).hasSize(2));
  }
}
