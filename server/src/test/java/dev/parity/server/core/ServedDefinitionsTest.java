package dev.parity.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.UnknownDefinitionException;
import dev.parity.online.serving.OnlineFeaturesRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's lookups ({@code parity get-online}, the quickstart) go through the same service as
 * {@code POST /get-online-features}: definitions that are not applied are refused, not served
 * under a version the values in Redis were not written with.
 */
class ServedDefinitionsTest {
  @TempDir Path temp;

  private static OnlineFeaturesRequest lookup() {
    return OnlineFeaturesRequest.forService("driver_ranking_v1", Map.of("driver_id", List.of(1001L)))
        .withRequestData(Map.of("val_to_add", List.of(1L)));
  }

  @Test
  void refusesALookupOfDefinitionsThatAreNotAppliedAndServesThemOnceTheyAre() {
    try (JobsFixture fixture = new JobsFixture(temp.resolve("drivers"))) {
      assertThatThrownBy(() -> ServedDefinitions.open(fixture.stores()).get(lookup()))
          .isInstanceOf(NotAppliedException.class)
          .hasMessageContaining("feature service 'driver_ranking_v1' is not registered");

      fixture.apply();
      assertThat(ServedDefinitions.open(fixture.stores()).get(lookup()).featureNames()).contains("conv_rate");
    }
  }

  @Test
  void refusesUnknownNamesAsEveryPathDoes() {
    try (JobsFixture fixture = new JobsFixture(temp.resolve("drivers")).apply()) {
      assertThatThrownBy(() -> ServedDefinitions.open(fixture.stores()).get(
          OnlineFeaturesRequest.forFeatures(List.of("driver_hourly_stat:conv_rate"), Map.of("driver_id", List.of(1L)))))
          .isInstanceOf(UnknownDefinitionException.class)
          .hasMessage("unknown feature view 'driver_hourly_stat' (did you mean 'driver_hourly_stats'?)");
    }
  }
}
