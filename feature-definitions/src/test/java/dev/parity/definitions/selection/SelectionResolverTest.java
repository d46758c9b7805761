package dev.parity.definitions.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureService;
import dev.parity.definitions.SelectionException;
import dev.parity.definitions.UnknownDefinitionException;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.definitions.SourceSchemaResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectionResolverTest {
  private static final FeatureRepository DRIVERS =
      new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(Path.of("..", "examples", "drivers"));

  @Test
  void resolvesTheRankingServiceIntoViewsOnDemandOrderRequestFieldsAndJoinKeys() {
    ResolvedSelection selection = SelectionResolver.resolve(DRIVERS, FeatureSelector.service("driver_ranking_v1"));

    assertThat(selection.service()).contains("driver_ranking_v1");
    assertThat(selection.features()).extracting(SelectedFeature::ref)
        .containsExactlyElementsOf(DRIVERS.serviceFeatures("driver_ranking_v1"));
    assertThat(selection.features()).filteredOn(SelectedFeature::onDemand).extracting(f -> f.ref().toString())
        .containsExactly("driver_adjusted.conv_plus_val");
    assertThat(selection.views()).extracting(ViewRead::view).containsExactly("driver_hourly_stats", "driver_activity");
    assertThat(selection.onDemandOrder()).containsExactly(new FeatureRef("driver_adjusted", "conv_plus_val"));
    assertThat(selection.requestFields()).containsExactly(
        new RequestField("val_to_add", DataType.INT64, new FeatureRef("driver_adjusted", "conv_plus_val")));
    assertThat(selection.joinKeys()).containsExactly("driver_id");
    assertThat(selection.outputNames(true)).startsWith("driver_hourly_stats__conv_rate", "driver_hourly_stats__trips_log");
    assertThat(selection.nameConflict(false)).isEmpty();
  }

  @Test
  void aViewReadOnlyThroughAnOnDemandFeatureNamesThatFeature() {
    ResolvedSelection selection = SelectionResolver.resolve(DRIVERS,
        FeatureSelector.features(List.of("driver_adjusted:conv_plus_val", "driver_hourly_stats:acc_rate")));

    ViewRead read = selection.views().get(0);
    assertThat(read.view()).isEqualTo("driver_hourly_stats");
    assertThat(read.features()).containsExactly("conv_rate", "acc_rate");
    assertThat(read.readBy()).contains(new FeatureRef("driver_adjusted", "conv_plus_val"));
    assertThat(selection.features()).extracting(SelectedFeature::type).containsExactly(DataType.FLOAT64, DataType.FLOAT64);
  }

  @Test
  void refusesUnknownNamesWithOneExceptionAndASuggestion() {
    assertThatThrownBy(() -> SelectionResolver.resolve(DRIVERS, FeatureSelector.service("driver_ranking_v2")))
        .isInstanceOf(UnknownDefinitionException.class)
        .hasMessage("unknown feature service 'driver_ranking_v2' (did you mean 'driver_ranking_v1'?)");
    assertThatThrownBy(() -> SelectionResolver.resolve(DRIVERS, FeatureSelector.features(List.of("driver_hourly_stat:conv_rate"))))
        .isInstanceOf(UnknownDefinitionException.class)
        .hasMessage("unknown feature view 'driver_hourly_stat' (did you mean 'driver_hourly_stats'?)");
    assertThatThrownBy(() -> SelectionResolver.resolve(DRIVERS, FeatureSelector.features(List.of("driver_hourly_stats:conv_rat"))))
        .isInstanceOf(UnknownDefinitionException.class)
        .hasMessageStartingWith("feature view 'driver_hourly_stats' has no feature 'conv_rat' (did you mean 'conv_rate'?)");
  }

  @Test
  void refusesAFeatureSelectedTwiceWhicheverWayItIsWritten() {
    assertThatThrownBy(() -> SelectionResolver.resolve(DRIVERS,
        FeatureSelector.features(List.of("driver_hourly_stats:conv_rate", "driver_hourly_stats.conv_rate"))))
        .isInstanceOf(SelectionException.class)
        .isNotInstanceOf(UnknownDefinitionException.class)
        .hasMessage("feature driver_hourly_stats:conv_rate is selected twice");
  }

  @Test
  void parsesBothSpellingsOfAReferenceAndNothingElse() {
    assertThat(FeatureRef.parse("driver_hourly_stats:conv_rate")).isEqualTo(new FeatureRef("driver_hourly_stats", "conv_rate"));
    assertThat(FeatureRef.parse("driver_hourly_stats.conv_rate")).isEqualTo(new FeatureRef("driver_hourly_stats", "conv_rate"));
    for (String bad : List.of("conv_rate", ":conv_rate", "view:", ".x", "a:b:c", "a.b.c", "a:b.c", "")) {
      assertThatThrownBy(() -> FeatureRef.parse(bad)).as(bad).isInstanceOf(SelectionException.class)
          .hasMessage("feature reference '" + bad + "' is not of the form view:feature");
    }
    assertThatThrownBy(() -> FeatureSelector.features(Collections.singletonList(null)))
        .isInstanceOf(SelectionException.class).hasMessageContaining("null");
  }

  @Test
  void flagsPlainNamesThatClashWithAJoinKeyOrEachOther() {
    ResolvedSelection selection = SelectionResolver.resolve(DRIVERS, FeatureSelector.service("driver_ranking_v1"));
    ResolvedSelection clash = new ResolvedSelection(Optional.empty(), selection.features(), selection.views(),
        selection.onDemandOrder(), selection.requestFields(), List.of("conv_rate"));

    assertThat(clash.nameConflict(false)).contains("result column 'conv_rate' would be both the join key column and "
        + "driver_hourly_stats:conv_rate; ask for full feature names (view__feature)");
    assertThat(clash.nameConflict(true)).isEmpty();
  }

  /**
   * Random selections over every feature of the sample repository: whatever is selected, each
   * on-demand feature comes after the on-demand features it reads, every feature view feature an
   * output or on-demand input needs is read, and outputs keep the selection's order and types.
   */
  @Test
  void randomSelectionsKeepTheirInvariants() {
    List<FeatureRef> all = new ArrayList<>();
    DRIVERS.featureViews().forEach(v -> v.featureNames().forEach(f -> all.add(new FeatureRef(v.name(), f))));
    DRIVERS.onDemandFeatureViews().forEach(v -> v.featureNames().forEach(f -> all.add(new FeatureRef(v.name(), f))));
    Random random = new Random(15);
    for (int i = 0; i < 300; i++) {
      List<FeatureRef> pick = new ArrayList<>(all);
      Collections.shuffle(pick, random);
      pick = pick.subList(0, 1 + random.nextInt(pick.size()));
      ResolvedSelection selection = SelectionResolver.resolve(DRIVERS,
          FeatureSelector.features(pick.stream().map(FeatureRef::requestForm).toList()));

      assertThat(selection.features()).extracting(SelectedFeature::ref).containsExactlyElementsOf(pick);
      for (SelectedFeature feature : selection.features()) {
        assertThat(feature.type()).isEqualTo(DRIVERS.featureType(feature.ref()).orElseThrow());
        assertThat(feature.onDemand()).isEqualTo(DRIVERS.onDemandFeatureView(feature.ref().view()).isPresent());
      }
      Set<FeatureRef> read = new HashSet<>();
      selection.views().forEach(v -> v.features().forEach(f -> read.add(new FeatureRef(v.view(), f))));
      Set<FeatureRef> computed = new HashSet<>();
      for (FeatureRef onDemand : selection.onDemandOrder()) {
        for (String input : DRIVERS.expression(onDemand).orElseThrow().inputs()) {
          FeatureRef.ofInput(input).ifPresent(ref -> assertThat(
              DRIVERS.featureView(ref.view()).isPresent() ? read.contains(ref) : computed.contains(ref)).isTrue());
        }
        computed.add(onDemand);
      }
      selection.features().stream().filter(f -> !f.onDemand()).forEach(f -> assertThat(read).contains(f.ref()));
      selection.features().stream().filter(SelectedFeature::onDemand).forEach(f -> assertThat(computed).contains(f.ref()));
    }
  }

  @Test
  void everyServiceOfTheSampleResolves() {
    for (FeatureService service : DRIVERS.featureServices()) {
      ResolvedSelection selection = SelectionResolver.resolve(DRIVERS, FeatureSelector.service(service.name()));
      assertThat(selection.features()).extracting(SelectedFeature::ref)
          .containsExactlyElementsOf(DRIVERS.serviceFeatures(service.name()));
      assertThat(selection.joinKeys()).isNotEmpty();
    }
  }
}
