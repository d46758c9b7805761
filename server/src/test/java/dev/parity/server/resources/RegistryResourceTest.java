package dev.parity.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.testing.SampleRepository;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry over HTTP: registered objects with versions, plan, and apply that the server then serves. */
class RegistryResourceTest {
  private static final String LOOKUP = """
      {"features": ["driver_hourly_stats:conv_rate"], "entities": {"driver_id": [1001]}}""";

  @TempDir Path temp;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsRegisteredObjectsWithTheVersionsTheDefinitionsHave() {
    RepositoryVersions versions = RepositoryVersions.of(server.definitions);

    JsonNode views = TestServer.json(server.get("/registry/feature-views"));
    assertThat(views.get("project").asText()).isEqualTo(server.definitions.config().project());
    assertThat(views.get("revision").asLong()).isEqualTo(1);
    List<String> names = new ArrayList<>();
    views.get("objects").forEach(o -> names.add(o.get("kind").asText() + ":" + o.get("name").asText()));
    assertThat(names).containsExactlyInAnyOrder("feature_view:customer_profile", "feature_view:driver_activity",
        "feature_view:driver_hourly_stats", "on_demand_feature_view:driver_adjusted");

    JsonNode view = TestServer.json(server.get("/registry/feature-views/driver_hourly_stats"));
    assertThat(view.get("version").asText()).isEqualTo(versions.version(ObjectKind.FEATURE_VIEW, "driver_hourly_stats"));
    assertThat(view.get("definition").get("ttl")).isNotNull();
    JsonNode service = TestServer.json(server.get("/registry/feature-services/driver_ranking_v1"));
    assertThat(service.get("version").asText()).isEqualTo(versions.version(ObjectKind.FEATURE_SERVICE, "driver_ranking_v1"));
    assertThat(TestServer.json(server.get("/registry/entities")).get("objects")).hasSize(2);
  }

  @Test
  void changedDefinitionsArePlannedNotServedUntilAppliedThenServed() {
    SampleRepository.edit(server.repository, SampleRepository.DEFINITIONS, "ttl: 2d", "ttl: 3d");

    JsonNode plan = TestServer.json(server.get("/registry/plan"));
    assertThat(plan.get("has_changes").asBoolean()).isTrue();
    assertThat(plan.get("text").asText()).contains("~ feature_view driver_hourly_stats");
    JsonNode changed = null;
    for (JsonNode change : plan.get("changes")) {
      if (change.get("name").asText().equals("driver_hourly_stats")) {
        changed = change;
      }
    }
    assertThat(changed.get("action").asText()).isEqualTo("changed");
    assertThat(changed.get("fields").get(0).get("path").asText()).isEqualTo("ttl");

    // Still served: the server serves what was registered when it started.
    assertThat(server.post("/get-online-features", LOOKUP).statusCode()).isEqualTo(200);

    HttpResponse<String> applied = server.post("/registry/apply", "");
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    assertThat(TestServer.json(applied).get("revision").asLong()).isEqualTo(2);
    assertThat(TestServer.json(applied).get("changed").asInt()).isGreaterThan(0);

    // Now served at the new version: values written under the old one are withheld, not mixed in.
    JsonNode body = TestServer.json(server.post("/get-online-features", LOOKUP));
    assertThat(body.get("results").get(1).get("statuses").get(0).asText()).isEqualTo("VERSION_MISMATCH");
    assertThat(TestServer.json(server.get("/registry/plan")).get("has_changes").asBoolean()).isFalse();
  }

  @Test
  void aServerStartedOnUnappliedDefinitionsRefusesLookupsThatNeedThemWith409() {
    server.close();
    SampleRepository.edit(server.repository, SampleRepository.DEFINITIONS, "ttl: 2d", "ttl: 3d");
    server = TestServer.restart(server);

    HttpResponse<String> view = server.post("/get-online-features", LOOKUP);
    assertThat(view.statusCode()).isEqualTo(409);
    assertThat(TestServer.json(view).get("message").asText()).contains("feature view 'driver_hourly_stats'")
        .contains("apply");
    HttpResponse<String> service = server.post("/get-online-features",
        "{\"feature_service\": \"driver_ranking_v1\", \"entities\": {\"driver_id\": [1001], \"val_to_add\": [1]}}");
    assertThat(service.statusCode()).isEqualTo(409);
    // Untouched views are served.
    assertThat(server.post("/get-online-features",
        "{\"features\": [\"customer_profile:segment\"], \"entities\": {\"customer_id\": [501]}}").statusCode())
        .isEqualTo(200);

    assertThat(server.post("/registry/apply", "").statusCode()).isEqualTo(200);
    assertThat(server.post("/get-online-features", LOOKUP).statusCode()).isEqualTo(200);
  }

  @Test
  void triggersArePlannedAppliedAndListedWithTheServiceTheyName() throws IOException {
    Files.writeString(server.repository.resolve("triggers.yaml"), """
        triggers:
          - name: retrain-daily
            kind: cron
            schedule: "0 3 * * *"
            time_zone: UTC
            service: driver_ranking_v1
            entities: data/entities.parquet
            hook: { command: ["true"] }
        """);
    assertThat(TestServer.json(server.get("/registry/plan")).get("text").asText()).startsWith("+ trigger retrain-daily\n");
    assertThat(TestServer.json(server.get("/registry/triggers")).get("objects")).isEmpty();

    HttpResponse<String> applied = server.post("/registry/apply", "");
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    String version = RepositoryVersions.of(new RepositoryService(new ParquetSchemaResolver(), Map.of(),
        Clock.systemUTC()).load(server.repository)).version(ObjectKind.TRIGGER, "retrain-daily");
    JsonNode listed = TestServer.json(server.get("/registry/triggers"));
    assertThat(listed.get("revision").asLong()).isEqualTo(2);
    assertThat(listed.get("objects")).singleElement().satisfies(trigger -> {
      assertThat(trigger.get("kind").asText() + " " + trigger.get("name").asText()).isEqualTo("trigger retrain-daily");
      assertThat(trigger.get("version").asText()).isEqualTo(version);
      assertThat(trigger.get("depends_on")).extracting(JsonNode::asText)
          .containsExactly("feature_service:driver_ranking_v1");
    });
    JsonNode one = TestServer.json(server.get("/registry/triggers/retrain-daily"));
    assertThat(one.get("version").asText()).isEqualTo(version);
    assertThat(one.get("definition").get("condition").get("schedule").asText()).isEqualTo("0 3 * * *");
    HttpResponse<String> missing = server.get("/registry/triggers/nightly");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(TestServer.json(missing).get("message").asText()).startsWith("no trigger 'nightly' is registered");
  }
}
