package dev.parity.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parity.client.FeatureClient;
import dev.parity.client.FeatureStatus;
import dev.parity.client.FeatureValue;
import dev.parity.client.LookupRequest;
import dev.parity.client.OnlineFeatures;
import dev.parity.client.ParityClient;
import dev.parity.client.direct.DirectClient;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.testing.TestRedis;
import dev.parity.registry.jdbi.RegistryDatabase;
import dev.parity.server.app.TestServer;
import dev.parity.server.db.RegistryPool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Direct mode against HTTP mode: the same lookups through {@link ParityClient} against the real
 * application and through {@link DirectClient} against the same Redis, checked against the same
 * registry, give equal answers value for value (values, statuses, event times, column names) and
 * the same exception classes. The shared server's data has a fresh driver (1001), a missing one
 * (1002), one older than the view's ttl (1003) and one with a null feature (1004).
 */
class DirectClientDifferentialTest {
  static TestServer server;
  static ParityClient http;
  static RegistryDatabase registry;
  static DirectClient direct;

  @BeforeAll
  static void start() {
    server = TestServer.shared();
    http = ParityClient.builder().baseUrl("http://127.0.0.1:" + server.port()).deadline(Duration.ofSeconds(10))
        .attemptTimeout(Duration.ofSeconds(5)).build();
    registry = RegistryDatabase.open(server.definitions.config().registryUrl(), server.repository,
        RegistryPool.unmetered());
    // The sample's Parquet sources declare no schema: their join key types come from the files.
    direct = DirectClient.builder().repository(server.repository).environment(Map.of())
        .sourceSchemas(new ParquetSchemaResolver())
        .redis(RedisConnectionConfig.standalone(TestRedis.standaloneUrl())).registry(registry.registry(Clock.systemUTC()))
        .build();
  }

  @AfterAll
  static void stop() {
    direct.close();
    registry.close();
    http.close();
  }

  /** The lookup through both clients; their answers, checked equal. */
  private static OnlineFeatures assertSameAnswers(Function<FeatureClient, LookupRequest> lookup) {
    OnlineFeatures overHttp = lookup.apply(http).get();
    OnlineFeatures read = lookup.apply(direct).get();
    OnlineFeatures readAsync = lookup.apply(direct).getAsync().join();

    for (OnlineFeatures answer : List.of(read, readAsync)) {
      assertThat(answer.featureNames()).isEqualTo(overHttp.featureNames());
      assertThat(answer.rowCount()).isEqualTo(overHttp.rowCount());
      for (int r = 0; r < overHttp.rowCount(); r++) {
        for (String name : overHttp.featureNames()) {
          FeatureValue expected = overHttp.row(r).get(name);
          FeatureValue actual = answer.row(r).get(name);
          String where = name + " of row " + r;
          assertThat(actual.value()).as(where).isEqualTo(expected.value());
          assertThat(actual.status()).as(where).isEqualTo(expected.status());
          assertThat(actual.eventTime()).as(where).isEqualTo(expected.eventTime());
        }
      }
    }
    return overHttp;
  }

  @Test
  void aServiceLookupOfFreshMissingTooOldAndNullRowsWithRequestDataIsTheSameDirectAndOverHttp() {
    OnlineFeatures answer = assertSameAnswers(c -> c.features("driver_ranking_v1")
        .entities("driver_id", List.of(1001, 1002, 1003, 1004)).requestData("val_to_add", List.of(1, 2, 3, 4)));

    // The rows are what the comparison claims to cover.
    assertThat(answer.row(0).status("conv_rate")).isEqualTo(FeatureStatus.PRESENT);
    assertThat(answer.row(1).status("conv_rate")).isEqualTo(FeatureStatus.NOT_FOUND);
    assertThat(answer.row(2).status("conv_rate")).isEqualTo(FeatureStatus.OUTSIDE_MAX_AGE);
    assertThat(answer.row(0).status("conv_plus_val")).isEqualTo(FeatureStatus.PRESENT);
  }

  @Test
  void oneRowOfAServiceJoiningTwoEntitiesIsTheSameDirectAndOverHttp() {
    assertSameAnswers(c -> c.features("trip_acceptance_v1").entity("driver_id", 1004).entity("customer_id", 501)
        .request("val_to_add", 7));
  }

  @Test
  void featureListsWithPlainAndFullNamesAreTheSameDirectAndOverHttp() {
    OnlineFeatures answer = assertSameAnswers(c -> c.featureList("driver_hourly_stats:conv_rate",
        "driver_hourly_stats:acc_rate", "driver_activity:trips_7d", "driver_hourly_stats:vehicle_type")
        .entities("driver_id", List.of(1004, 1001, 1003, 1002)));
    assertThat(answer.row(0).status("acc_rate")).isEqualTo(FeatureStatus.NULL_VALUE);

    assertSameAnswers(c -> c.featureList("driver_hourly_stats:conv_rate", "customer_profile:segment",
        "driver_adjusted:conv_plus_val").entity("driver_id", 1001).entity("customer_id", 502)
        .request("val_to_add", 2).fullFeatureNames());
  }

  @Test
  void aMissingEntityAloneIsTheSameDirectAndOverHttp() {
    OnlineFeatures answer = assertSameAnswers(c -> c.features("driver_ranking_v1").entity("driver_id", 99_999)
        .request("val_to_add", 0));
    assertThat(answer.row(0).status("conv_rate")).isEqualTo(FeatureStatus.NOT_FOUND);
  }

  @Test
  void refusalsAreTheSameExceptionClassesDirectAndOverHttp() {
    List<Function<FeatureClient, LookupRequest>> refused = List.of(
        c -> c.features("driver_ranking_v9").entity("driver_id", 1001),
        c -> c.featureList("driver_hourly_stat:conv_rate").entity("driver_id", 1001),
        c -> c.featureList("driver_hourly_stats:no_such_feature").entity("driver_id", 1001),
        c -> c.features("driver_ranking_v1").entity("driver_id", "abc").request("val_to_add", 1),
        c -> c.features("driver_ranking_v1").entity("driver_id", 1001),
        c -> c.features("driver_ranking_v1").entities("driver_id", List.of(1001, 1002)).request("val_to_add", 1));
    for (Function<FeatureClient, LookupRequest> lookup : refused) {
      Throwable overHttp = catchThrowable(() -> lookup.apply(http).get());
      Throwable read = catchThrowable(() -> lookup.apply(direct).get());

      assertThat(overHttp).isNotNull();
      assertThat(read).as(String.valueOf(overHttp)).isExactlyInstanceOf(overHttp.getClass());
      assertThat(read.getCause()).as("the lookup code's own exception").isNotNull();
    }
  }
}
