package dev.parity.definitions.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.Fixtures;
import dev.parity.definitions.ObjectKey;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.plan.ObjectChange.Action;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.definitions.version.VersionedObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanTest {
  private final RepositoryVersions drivers = RepositoryVersions.of(Fixtures.load(Fixtures.drivers()));

  /** What a registry would hand back after registering the drivers repository. */
  private Collection<VersionedObject> registered() {
    return drivers.objects().values().stream().map(o -> new VersionedObject(o.key(), o.canonicalJson(), o.version())).toList();
  }

  private static RepositoryVersions edited(Path dir, String... fromTo) {
    Path copy = Fixtures.copy(Fixtures.drivers(), dir.resolve("repo"));
    for (int i = 0; i < fromTo.length; i += 2) {
      Fixtures.replaceOnce(copy.resolve("drivers.yaml"), fromTo[i], fromTo[i + 1]);
    }
    return RepositoryVersions.of(Fixtures.load(copy));
  }

  @Test
  void identicalRepositoryHasNoChanges() {
    Plan plan = Plan.between(registered(), RepositoryVersions.of(Fixtures.load(Fixtures.resource("repos/drivers-reformatted"))));
    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.withAction(Action.UNCHANGED)).hasSize(10);
    assertThat(plan.render()).isEqualTo("No changes.\n");
  }

  @Test
  void editedTransformShowsTheFieldAndEveryDependent(@TempDir Path dir) {
    Plan plan = Plan.between(registered(), edited(dir, "log1p(avg_daily_trips)", "log(avg_daily_trips)"));
    assertThat(plan.render())
        .isEqualTo(
            "~ feature_view driver_hourly_stats  features[trips_log].expr: "
                + "\"log1p(cast(avg_daily_trips as float64))\" -> \"log(cast(avg_daily_trips as float64))\"\n"
                + "~ on_demand_feature_view driver_adjusted  (uses changed driver_hourly_stats)\n"
                + "~ feature_service driver_ranking_v1  (uses changed driver_adjusted, driver_hourly_stats)\n"
                + "\n"
                + "Plan: 0 to add, 3 to change, 0 to remove, 7 unchanged.\n");
    ObjectChange view = plan.withAction(Action.CHANGED).get(0);
    assertThat(view.fields())
        .containsExactly(
            new FieldChange(
                "features[trips_log].expr",
                Optional.of("\"log1p(cast(avg_daily_trips as float64))\""),
                Optional.of("\"log(cast(avg_daily_trips as float64))\"")));
    assertThat(view.oldVersion()).isNotEqualTo(view.newVersion());
  }

  @Test
  void severalChangedFieldsAreListedOnePerLine(@TempDir Path dir) {
    Plan plan = Plan.between(registered(), edited(dir, "ttl: 2d", "ttl: 1d", "freshness: 2d", "freshness: 1d"));
    assertThat(plan.render())
        .startsWith(
            "~ feature_view driver_hourly_stats\n"
                + "    ttl: 172800 -> 86400\n"
                + "    validation.freshness: 172800 -> 86400\n");
  }

  @Test
  void changedSourceShowsInTheViewsThatEmbedIt(@TempDir Path dir) {
    Plan plan = Plan.between(registered(), edited(dir, "path: data/trips.csv", "path: data/trips_v2.csv"));
    assertThat(plan.render())
        .contains("~ source trips  path: \"data/trips.csv\" -> \"data/trips_v2.csv\"\n")
        .contains("~ feature_view customer_trips  source.path: \"data/trips.csv\" -> \"data/trips_v2.csv\"\n");
  }

  @Test
  void addedAndRemovedObjects() {
    List<VersionedObject> registered = new ArrayList<>(registered());
    registered.removeIf(o -> o.key().equals(new ObjectKey(ObjectKind.FEATURE_VIEW, "driver_activity")));
    registered.add(VersionedObject.of(new ObjectKey(ObjectKind.ENTITY, "old"), "{\"join_keys\":[\"old_id\"],\"kind\":\"entity\",\"name\":\"old\"}"));
    Plan plan = Plan.between(registered, drivers);
    assertThat(plan.render())
        .isEqualTo("- entity old\n+ feature_view driver_activity\n\nPlan: 1 to add, 0 to change, 1 to remove, 9 unchanged.\n");
    assertThat(plan.withAction(Action.REMOVED).get(0).newVersion()).isEmpty();
    assertThat(plan.withAction(Action.ADDED).get(0).oldVersion()).isEmpty();
  }

  @Test
  void rejectsARegisteredFormThatIsNotJson() {
    List<VersionedObject> registered = new ArrayList<>(registered());
    registered.set(0, new VersionedObject(registered.get(0).key(), "{not json", "0"));
    assertThatThrownBy(() -> Plan.between(registered, drivers))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not JSON");
  }
}
