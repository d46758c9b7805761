package dev.parity.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.server.app.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /feature-services/{name}/defaults} and {@code GET /feature-defaults} on the sample
 * repository (no declared defaults): the features in answer order, counts with their 0, on-demand
 * features marked, and bad names refused as a lookup refuses them.
 */
class DefaultsEndpointTest {
  private final TestServer server = TestServer.shared();

  @Test
  void aServicesDefaultsListItsFeaturesInAnswerOrderWithTheCountsZero() {
    HttpResponse<String> answer = server.get("/feature-services/driver_ranking_v1/defaults");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode json = TestServer.json(answer);
    assertThat(json.get("feature_service").asText()).isEqualTo("driver_ranking_v1");
    assertThat(json.get("version").asText()).hasSize(64);
    List<String> names = new ArrayList<>();
    for (JsonNode feature : json.get("features")) {
      names.add(feature.get("view").asText() + ":" + feature.get("name").asText());
      boolean count = Set.of("trips_7d", "distinct_customers_7d").contains(feature.get("name").asText());
      assertThat(feature.has("default")).as(feature.toString()).isEqualTo(count);
      if (count) {
        assertThat(feature.get("default").isIntegralNumber()).isTrue();
        assertThat(feature.get("default").asLong()).isZero();
      }
    }
    assertThat(names).startsWith("driver_hourly_stats:conv_rate", "driver_hourly_stats:trips_log")
        .endsWith("driver_adjusted:conv_plus_val");
    assertThat(json.get("features").get(names.size() - 1).get("on_demand").asBoolean()).isTrue();
    // The lookup's own column order.
    JsonNode lookup = TestServer.json(server.post("/get-online-features",
        "{\"feature_service\": \"driver_ranking_v1\", \"entities\": {\"driver_id\": [1001]},"
            + " \"request_data\": {\"val_to_add\": [1]}}"));
    List<String> columns = new ArrayList<>();
    lookup.get("metadata").get("feature_names").forEach(n -> columns.add(n.asText()));
    assertThat(columns.subList(1, columns.size()))
        .isEqualTo(names.stream().map(n -> n.substring(n.indexOf(':') + 1)).toList());
  }

  @Test
  void aFeatureListsDefaultsFollowTheListAndUnknownNamesAreRefused() {
    HttpResponse<String> answer = server.get("/feature-defaults?features=driver_activity:trips_7d,"
        + "driver_hourly_stats:conv_rate");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode json = TestServer.json(answer);
    assertThat(json.get("feature_service").isNull()).isTrue();
    assertThat(json.get("features").get(0).get("name").asText()).isEqualTo("trips_7d");
    assertThat(json.get("features").get(1).get("type").asText()).isEqualTo("float64");

    assertThat(server.get("/feature-services/no_such_service/defaults").statusCode()).isEqualTo(404);
    assertThat(server.get("/feature-defaults?features=driver_hourly_stats:no_such").statusCode()).isIn(400, 404);
    HttpResponse<String> noList = server.get("/feature-defaults");
    assertThat(noList.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(noList).get("message").asText()).contains("features");
    assertThat(server.get("/feature-defaults?features=conv_rate").statusCode()).isEqualTo(400);
  }
}
