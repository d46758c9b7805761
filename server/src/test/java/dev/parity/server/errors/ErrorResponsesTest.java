package dev.parity.server.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.server.app.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every failure a client can cause answers {@code {"code", "message"}} JSON with its status. */
class ErrorResponsesTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.shared();
  }

  @Test
  void malformedJsonIs400WithLineAndColumn() {
    HttpResponse<String> response = server.post("/get-online-features", "{\"feature_service\": \"driver_ranking_v1\",\n \"entities\": {\"driver_id\": [1001,]}}");

    JsonNode error = error(response, 400);
    assertThat(error.get("message").asText()).startsWith("malformed JSON request body").contains("line 2, column");
  }

  @Test
  void misspeltFieldIsIgnoredAsFeastDoesSoTheRequestLacksAService() {
    HttpResponse<String> response = server.post("/get-online-features",
        "{\"feature_servce\": \"driver_ranking_v1\", \"entities\": {\"driver_id\": [1001]}}");

    assertThat(error(response, 400).get("message").asText()).contains("give a feature service or a non-empty feature list");
  }

  @Test
  void entityColumnOfTheWrongShapeIs400WithItsPath() {
    HttpResponse<String> response = server.post("/get-online-features",
        "{\"feature_service\": \"driver_ranking_v1\", \"entities\": {\"driver_id\": 1001}}");

    assertThat(error(response, 400).get("message").asText()).contains("entities.driver_id");
  }

  @Test
  void emptyBodyIs400() {
    assertThat(error(server.post("/get-online-features", ""), 400).get("message").asText()).contains("empty");
  }

  @Test
  void unknownFeatureServiceIs404WithASuggestion() {
    HttpResponse<String> response = server.post("/get-online-features",
        "{\"feature_service\": \"driver_ranking_v2\", \"entities\": {\"driver_id\": [1001]}}");

    assertThat(error(response, 404).get("message").asText())
        .contains("unknown feature service 'driver_ranking_v2'").contains("driver_ranking_v1");
  }

  @Test
  void unknownViewInAFeatureListIs404() {
    HttpResponse<String> response = server.post("/get-online-features",
        "{\"features\": [\"driver_hourly_stat:conv_rate\"], \"entities\": {\"driver_id\": [1001]}}");

    assertThat(error(response, 404).get("message").asText()).contains("driver_hourly_stat").contains("driver_hourly_stats");
  }

  @Test
  void joinKeyOfTheWrongTypeIs400NamingColumnAndRow() {
    HttpResponse<String> response = server.post("/get-online-features",
        "{\"features\": [\"driver_hourly_stats:conv_rate\"], \"entities\": {\"driver_id\": [1001, \"01002\"]}}");

    assertThat(error(response, 400).get("message").asText()).contains("driver_id").contains("row 1").contains("int64");
  }

  @Test
  void moreRowsThanMaxEntityRowsIs413() {
    int rows = server.configuration().getMaxEntityRows() + 1;
    String ids = IntStream.range(0, rows).mapToObj(Integer::toString).collect(Collectors.joining(","));
    HttpResponse<String> response = server.post("/get-online-features",
        "{\"feature_service\": \"driver_ranking_v1\", \"entities\": {\"driver_id\": [" + ids + "]}}");

    assertThat(error(response, 413).get("message").asText()).contains(rows + " entity rows").contains("1000");
  }

  @Test
  void unknownPathAndWrongMethodAreJsonToo() {
    assertThat(error(server.get("/no-such-thing"), 404).get("code").asInt()).isEqualTo(404);
    assertThat(error(server.get("/get-online-features"), 405).get("code").asInt()).isEqualTo(405);
  }

  @Test
  void unknownRegistryObjectIs404() {
    assertThat(error(server.get("/registry/feature-views/nope"), 404).get("message").asText())
        .contains("no feature view 'nope'");
    assertThat(error(server.get("/registry/widgets"), 404).get("message").asText()).contains("feature-views");
  }

  /** Checks the status and that the body is exactly {@code {"code": status, "message": "..."}}. */
  private static JsonNode error(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = TestServer.json(response);
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("code", "message");
    assertThat(body.get("code").asInt()).isEqualTo(status);
    assertThat(body.get("message").asText()).isNotBlank();
    return body;
  }
}
