package dev.parity.online.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.online.FeatureColumn;
import dev.parity.online.KeyColumn;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.OnlineView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineViewsTest {
  private static final FeatureRepository REPO = ServingRepo.load();
  private final OnlineViews views = OnlineViews.of(REPO);

  @Test
  void describesPlainAndDerivedFeaturesWithTheRegistryVersionTtlAndTypedKeys() {
    OnlineView view = views.view("driver_hourly_stats");

    assertThat(view.name()).isEqualTo("driver_hourly_stats");
    assertThat(view.version()).isEqualTo(RepositoryVersions.of(REPO).version(ObjectKind.FEATURE_VIEW, "driver_hourly_stats"));
    assertThat(view.ttl()).isEqualTo(Duration.ofDays(2));
    assertThat(view.joinKeys()).containsExactly(new KeyColumn("driver_id", DataType.INT64));
    assertThat(view.features()).containsExactly(
        new FeatureColumn("conv_rate", DataType.FLOAT64),
        new FeatureColumn("acc_rate", DataType.FLOAT64),
        new FeatureColumn("avg_daily_trips", DataType.INT64),
        new FeatureColumn("vehicle_type", DataType.STRING),
        new FeatureColumn("trips_log", DataType.FLOAT64));
  }

  @Test
  void typesAggregationOutputsByTheirFunctionAndInput() {
    OnlineView view = views.view("driver_activity");

    assertThat(view.ttl()).isEqualTo(Duration.ZERO);
    assertThat(view.features()).containsExactly(
        new FeatureColumn("trips_7d", DataType.INT64),
        new FeatureColumn("fare_sum_1d", DataType.FLOAT64),
        new FeatureColumn("fare_avg_7d", DataType.FLOAT64),
        new FeatureColumn("distinct_customers_7d", DataType.INT64),
        new FeatureColumn("max_fare_1d", DataType.FLOAT64));
  }

  @Test
  void servesOnlyOnlineViewsWithKnownKeyTypes() {
    assertThat(views.servable().keySet()).containsExactly("driver_hourly_stats", "driver_activity", "customer_profile");
    assertThat(views.find("driver_history")).isEmpty();
  }

  @Test
  void rejectsAViewThatIsNotOnlineNamingIt() {
    assertThatThrownBy(() -> views.view("driver_history"))
        .isInstanceOf(ViewNotServableException.class)
        .hasMessageContaining("'driver_history'")
        .hasMessageContaining("not online");
  }

  @Test
  void rejectsAViewWhoseJoinKeyTypeIsUnknownNamingViewAndKey() {
    assertThatThrownBy(() -> views.view("city_conditions"))
        .isInstanceOf(ViewNotServableException.class)
        .hasMessageContaining("'city_name'")
        .hasMessageContaining("'city_conditions'")
        .hasMessageContaining("'city_weather' declares no schema");
  }

  @Test
  void rejectsAnUnknownViewWithASuggestion() {
    assertThatThrownBy(() -> views.view("driver_hourly_stat"))
        .isInstanceOf(OnlineRequestException.class)
        .isNotInstanceOf(ViewNotServableException.class)
        .hasMessage("unknown feature view 'driver_hourly_stat' (did you mean 'driver_hourly_stats'?)");
  }

  @Test
  void typesJoinKeysAsWidenedOnReadAndRejectsFloatKeys(@TempDir Path dir) {
    FeatureRepository narrow = ServingRepo.edited(dir, "{ driver_id: int64, event_timestamp: timestamp, created",
        "{ driver_id: int32, event_timestamp: timestamp, created");
    assertThat(OnlineViews.of(narrow).view("driver_hourly_stats").joinKeys())
        .containsExactly(new KeyColumn("driver_id", DataType.INT64));

    FeatureRepository floating = ServingRepo.edited(dir, "{ driver_id: int64, event_timestamp: timestamp, created",
        "{ driver_id: float64, event_timestamp: timestamp, created");
    assertThatThrownBy(() -> OnlineViews.of(floating).view("driver_hourly_stats"))
        .isInstanceOf(ViewNotServableException.class)
        .hasMessageContaining("'driver_id'")
        .hasMessageContaining("float");
    assertThat(OnlineViews.of(floating).view("driver_activity").joinKeys())
        .containsExactly(new KeyColumn("driver_id", DataType.INT64));
  }

  @Test
  void aChangedTransformChangesTheVersionOfItsViewOnly(@TempDir Path dir) {
    OnlineViews edited = OnlineViews.of(ServingRepo.edited(dir, "log1p(avg_daily_trips)", "log1p(avg_daily_trips * 2)"));

    assertThat(edited.view("driver_hourly_stats").version()).isNotEqualTo(views.view("driver_hourly_stats").version());
    assertThat(edited.view("driver_hourly_stats").features()).isEqualTo(views.view("driver_hourly_stats").features());
    assertThat(edited.view("driver_activity")).isEqualTo(views.view("driver_activity"));
    assertThat(List.of(edited.view("customer_profile"))).containsExactly(views.view("customer_profile"));
  }
}
