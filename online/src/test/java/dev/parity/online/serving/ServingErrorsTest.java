package dev.parity.online.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.SelectionException;
import dev.parity.definitions.UnknownDefinitionException;
import dev.parity.online.EntityRow;
import dev.parity.online.OnlineLookup;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineView;
import dev.parity.online.ViewRequest;
import dev.parity.online.WriteResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Requests the server must refuse, each with a message naming what and where. None of them may
 * reach the store: the store here records reads, and a refused request must leave it untouched.
 */
class ServingErrorsTest {
  /** Records lookups; every request below must fail before one. Writes are not expected. */
  private static final class RecordingStore implements OnlineStore {
    final List<List<ViewRequest>> reads = new ArrayList<>();

    @Override
    public WriteResult write(OnlineView view, List<OnlineRow> rows) {
      throw new UnsupportedOperationException("the errors test does not write");
    }

    @Override
    public OnlineLookup read(List<EntityRow> entities, List<ViewRequest> views) {
      reads.add(views);
      throw new AssertionError("a refused request reached the store: " + views);
    }

    @Override
    public void close() {}
  }

  private final RecordingStore store = new RecordingStore();
  private final OnlineFeatureServer server = OnlineFeatureServer.create(ServingRepo.load(), store);

  private static Map<String, List<Object>> columns(Object... nameThenValues) {
    Map<String, List<Object>> columns = new LinkedHashMap<>();
    for (int i = 0; i < nameThenValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<Object> values = (List<Object>) nameThenValues[i + 1];
      columns.put((String) nameThenValues[i], values);
    }
    return columns;
  }

  private static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }

  private void assertRefused(OnlineFeaturesRequest request, String message) {
    assertThatThrownBy(() -> server.get(request))
        .isInstanceOfAny(OnlineRequestException.class, SelectionException.class).hasMessage(message);
    assertThat(store.reads).isEmpty();
  }

  private static OnlineFeaturesRequest ranking(Map<String, List<Object>> entities, Map<String, List<Object>> requestData) {
    return OnlineFeaturesRequest.forService("driver_ranking_v1", entities).withRequestData(requestData);
  }

  @Test
  void refusesUnknownNamesWithTheExceptionEveryPathThrows() {
    for (OnlineFeaturesRequest request : List.of(
        OnlineFeaturesRequest.forService("driver_ranking_v2", columns("driver_id", list(1))),
        OnlineFeaturesRequest.forFeatures(List.of("driver_hourly_stat:conv_rate"), columns("driver_id", list(1))),
        OnlineFeaturesRequest.forFeatures(List.of("driver_hourly_stats:conv_rat"), columns("driver_id", list(1))))) {
      assertThatThrownBy(() -> server.get(request)).isInstanceOf(UnknownDefinitionException.class);
    }
  }

  @Test
  void rejectsAnUnknownServiceWithASuggestion() {
    assertRefused(OnlineFeaturesRequest.forService("driver_ranking_v2", columns("driver_id", list(1))),
        "unknown feature service 'driver_ranking_v2' (did you mean 'driver_ranking_v1'?)");
  }

  @Test
  void rejectsAnUnknownViewWithASuggestion() {
    assertRefused(OnlineFeaturesRequest.forFeatures(List.of("driver_hourly_stat:conv_rate"), columns("driver_id", list(1))),
        "unknown feature view 'driver_hourly_stat' (did you mean 'driver_hourly_stats'?)");
  }

  @Test
  void rejectsAnUnknownFeatureWithASuggestionAndTheViewsFeatures() {
    assertRefused(OnlineFeaturesRequest.forFeatures(List.of("driver_hourly_stats:conv_rat"), columns("driver_id", list(1))),
        "feature view 'driver_hourly_stats' has no feature 'conv_rat' (did you mean 'conv_rate'?); it has "
            + "[conv_rate, acc_rate, avg_daily_trips, vehicle_type, trips_log]");
  }

  @Test
  void plansAreKeptOnlyForListsThatPlanAndRequestsAreCheckedEveryTime() {
    // Feature lists are planned once and kept: a refused list must be refused again (nothing kept),
    // and a kept plan must not skip the checks of each request's own columns.
    List<String> misspelt = List.of("driver_hourly_stats:conv_rat");
    for (int i = 0; i < 3; i++) {
      assertRefused(OnlineFeaturesRequest.forFeatures(misspelt, columns("driver_id", list(1))),
          "feature view 'driver_hourly_stats' has no feature 'conv_rat' (did you mean 'conv_rate'?); it has "
              + "[conv_rate, acc_rate, avg_daily_trips, vehicle_type, trips_log]");
    }
    List<String> features = List.of("driver_hourly_stats:conv_rate");
    List<String> messages = new ArrayList<>();
    for (Map<String, List<Object>> entities : List.of(columns("driver", list(1)), columns("driver_id", list("x")),
        columns("driver", list(1)))) {
      assertThatThrownBy(() -> server.get(OnlineFeaturesRequest.forFeatures(features, entities)))
          .isInstanceOf(OnlineRequestException.class)
          .satisfies(e -> messages.add(e.getMessage()));
    }
    assertThat(messages.get(0)).contains("driver_id");
    assertThat(messages.get(1)).contains("driver_id").isNotEqualTo(messages.get(0));
    assertThat(messages.get(2)).isEqualTo(messages.get(0));
    assertThat(store.reads).isEmpty();
  }

  @Test
  void rejectsReferencesThatAreNotViewColonFeature() {
    for (String ref : List.of("conv_rate", ":conv_rate", "driver_hourly_stats:", "a:b:c")) {
      assertRefused(OnlineFeaturesRequest.forFeatures(List.of(ref), columns("driver_id", list(1))),
          "feature reference '" + ref + "' is not of the form view:feature");
    }
  }

  @Test
  void rejectsAFeatureRequestedTwice() {
    assertRefused(OnlineFeaturesRequest.forFeatures(
            List.of("driver_hourly_stats:conv_rate", "driver_hourly_stats:conv_rate"), columns("driver_id", list(1))),
        "feature driver_hourly_stats:conv_rate is selected twice");
  }

  @Test
  void rejectsAViewThatIsNotOnline() {
    assertThatThrownBy(() -> server.get(OnlineFeaturesRequest.forService("history_v1", columns("driver_id", list(1)))))
        .isInstanceOf(ViewNotServableException.class)
        .hasMessageStartingWith("feature view 'driver_history' is not online");
  }

  @Test
  void rejectsAViewWithUnknownKeyTypesNamingTheKey() {
    assertThatThrownBy(() -> server.get(OnlineFeaturesRequest.forService("conditions_v1", columns("city_name", list("Oslo")))))
        .isInstanceOf(ViewNotServableException.class)
        .hasMessageStartingWith("the type of join key 'city_name' of feature view 'city_conditions' is unknown");
  }

  @Test
  void rejectsMissingRequestDataNamingTheFeatureAndTheField() {
    assertRefused(ranking(columns("driver_id", list(1)), columns("val_to_ad", list(1))),
        "on-demand feature driver_adjusted:conv_plus_val needs request data field 'val_to_add' (int64), "
            + "which the request does not have");
  }

  @Test
  void rejectsAMissingJoinKeyNamingItAndTheView() {
    assertRefused(OnlineFeaturesRequest.forService("trip_acceptance_v1", columns("driver_id", list(1)))
            .withRequestData(columns("val_to_add", list(1))),
        "the entities have no join key 'customer_id', which feature view 'customer_profile' needs; they have [driver_id]");
  }

  @Test
  void rejectsColumnsOfUnequalLength() {
    assertRefused(ranking(columns("driver_id", list(1, 2, 3)), columns("val_to_add", list(1, 2))),
        "columns differ in length: 'driver_id' has 3 values, 'val_to_add' has 2");
    assertRefused(OnlineFeaturesRequest.forService("trip_acceptance_v1",
            columns("driver_id", list(1, 2), "customer_id", list(1))),
        "columns differ in length: 'driver_id' has 2 values, 'customer_id' has 1");
  }

  @Test
  void rejectsAFractionalOrTextualInt64KeyNamingTheKeyAndRow() {
    assertRefused(ranking(columns("driver_id", list(1001, 1.5)), columns("val_to_add", list(1, 1))),
        "entity column driver_id, row 1: expected int64, got Double 1.5");
    // A canonical string id is read as the number (Feast's server takes "1001"); another spelling is refused.
    assertRefused(ranking(columns("driver_id", list("01001")), columns("val_to_add", list(1))),
        "entity column driver_id, row 0: expected int64, got string '01001'; "
            + dev.parity.definitions.RequestValues.INT64_ID_FORM);
    assertRefused(ranking(columns("driver_id", list(true)), columns("val_to_add", list(1))),
        "entity column driver_id, row 0: expected int64, got Boolean true");
  }

  @Test
  void rejectsANullJoinKey() {
    assertRefused(ranking(columns("driver_id", list(1, null)), columns("val_to_add", list(1, 1))),
        "entity column driver_id, row 1: a join key cannot be null");
  }

  @Test
  void rejectsRequestDataOfTheWrongTypeNamingFieldAndRow() {
    assertRefused(ranking(columns("driver_id", list(1, 2)), columns("val_to_add", list(1, 2.5))),
        "request data val_to_add, row 1: expected int64, got Double 2.5");
    assertRefused(OnlineFeaturesRequest.forService("scoring_v1", columns("driver_id", list(1), "customer_id", list(2)))
            .withRequestData(columns("val_to_add", list(1), "weight", list("heavy"))),
        "request data weight, row 0: expected float64, got string 'heavy'");
  }

  @Test
  void rejectsTwoResultColumnsOfOneNameUnlessFullNamesAreAsked() {
    assertRefused(OnlineFeaturesRequest.forFeatures(List.of("customer_profile:segment", "customer_flags:segment"),
            columns("customer_id", list(7))),
        "result column 'segment' would be both customer_profile:segment and customer_flags:segment; "
            + "ask for full feature names (view__feature)");
  }

  @Test
  void rejectsAServiceAndAFeatureListTogetherOrNeither() {
    assertThatThrownBy(() -> new OnlineFeaturesRequest(Optional.of("driver_ranking_v1"), List.of("a:b"), Map.of(), Map.of(), false))
        .isInstanceOf(OnlineRequestException.class)
        .hasMessage("give either a feature service or a feature list, not both");
    assertThatThrownBy(() -> new OnlineFeaturesRequest(Optional.empty(), List.of(), Map.of(), Map.of(), false))
        .isInstanceOf(OnlineRequestException.class)
        .hasMessage("give a feature service or a non-empty feature list");
    assertThatThrownBy(() -> OnlineFeaturesRequest.forFeatures(Arrays.asList("a:b", null), Map.of()))
        .isInstanceOf(OnlineRequestException.class)
        .hasMessage("the feature list contains null");
  }
}
