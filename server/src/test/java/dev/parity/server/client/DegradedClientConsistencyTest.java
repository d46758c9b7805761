package dev.parity.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.client.DeclaredDefaults;
import dev.parity.client.FeatureRow;
import dev.parity.client.FeatureStatus;
import dev.parity.client.FeatureValue;
import dev.parity.client.Job;
import dev.parity.client.LookupRequest;
import dev.parity.client.ParityClient;
import dev.parity.client.RetryPolicy;
import dev.parity.client.TrainingSetJob;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import dev.parity.server.testing.ParquetRows;
import dev.parity.server.testing.SampleRepository;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The declared defaults' differential test across the three paths: for a driver with no rows
 * anywhere, the training set, the server (status NOT_FOUND kept) and a client degraded because the
 * server is stopped (status UNAVAILABLE) give the same value for every feature with a default,
 * and the degraded client leaves the on-demand feature missing rather than inventing it.
 */
class DegradedClientConsistencyTest {
  /** The last sample drivers have no data; none is written online for it either. */
  private static final long MISSING = 1200;
  private static final long VAL_TO_ADD = 3;
  private static final String SERVICE = "driver_ranking_v1";
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  /**
   * The training set's time, within the sample data; the driver has no rows at any time, so the
   * server's "now" gives it the same missing values.
   */
  private static final Instant IN_DATA = Instant.parse("2026-01-30T12:00:00Z");

  @TempDir Path temp;

  @Test
  void aMissingDriverGetsTheSameValuesFromTheTrainingSetTheServerAndADegradedClient() throws Exception {
    TestServer server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl());
    ParityClient client = null;
    ParityClient neverConnected = null;
    try {
      declareDefaults(server.repository);
      HttpResponse<String> applied = server.post("/registry/apply", "");
      assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
      client = ParityClient.builder().baseUrl("http://127.0.0.1:" + server.port()).degradeToDefaults(true)
          .retryPolicy(RetryPolicy.none()).deadline(Duration.ofSeconds(10)).attemptTimeout(Duration.ofSeconds(5))
          .build();

      Map<String, Object> training = trainingSetRow(client, server);
      FeatureRow served = lookup(client).get().row(0);
      // The lookup had the client fetch the service's defaults in the background.
      waitUntilKnown(client);
      HttpResponse<String> saved = server.get("/feature-services/" + SERVICE + "/defaults");
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
      DeclaredDefaults atBuildTime = DeclaredDefaults.fromJson(saved.body());

      server.close();
      server = null;
      FeatureRow degraded = lookup(client).get().row(0);
      // A client that never reached the server, given the saved answer at build time.
      neverConnected = ParityClient.builder().baseUrl("http://127.0.0.1:" + freePort()).declaredDefaults(atBuildTime)
          .retryPolicy(RetryPolicy.none()).build();
      FeatureRow fromBuild = lookup(neverConnected).degradeToDefaults().get().row(0);

      assertThat(degraded.featureNames()).isEqualTo(served.featureNames()).isEqualTo(fromBuild.featureNames());
      int defaulted = 0;
      for (String feature : served.featureNames().subList(1, served.featureNames().size())) {
        FeatureValue online = served.get(feature);
        FeatureValue offline = degraded.get(feature);
        assertThat(offline.status()).as(feature).isEqualTo(FeatureStatus.UNAVAILABLE);
        assertThat(fromBuild.get(feature)).as(feature).isEqualTo(offline);
        if (feature.equals("conv_plus_val")) {
          // On-demand: the server computes it from the default; the client cannot, and says so.
          assertThat(online.value()).isEqualTo(0.5 + VAL_TO_ADD);
          assertThat(offline.value()).isNull();
          continue;
        }
        assertThat(offline.value()).as("%s: degraded client vs server", feature).isEqualTo(online.value())
            .isNotNull();
        assertThat(offline.value()).as("%s: degraded client vs training set", feature)
            .isEqualTo(trainingValue(training, feature));
        assertThat(offline.isClientDefault()).as(feature).isTrue();
        defaulted += online.isDefault() ? 1 : 0;
      }
      assertThat(defaulted).as("features served with their declared default").isEqualTo(5);
      assertThat(served.get("conv_rate").status()).isEqualTo(FeatureStatus.NOT_FOUND);
      assertThat(degraded.getDouble("conv_rate")).isEqualTo(0.5);
    } finally {
      if (client != null) {
        client.close();
      }
      if (neverConnected != null) {
        neverConnected.close();
      }
      if (server != null) {
        server.close();
      }
    }
  }

  private static LookupRequest lookup(ParityClient client) {
    return client.features(SERVICE).entity("driver_id", MISSING).request("val_to_add", VAL_TO_ADD);
  }

  private static void declareDefaults(Path root) {
    // The server's clock is today's, the sample data months old: its freshness rule is not the subject here.
    SampleRepository.edit(root, SampleRepository.DEFINITIONS, "      freshness: 30d\n", "");
    SampleRepository.declareDefaults(root, Map.of("conv_rate", "0.5", "trips_log", "0", "fare_sum_1d", "0",
        "max_fare_1d", "-1", "fare_avg_7d", "2.5"));
  }

  /** The training set's row for the missing driver: column name to value. */
  private Map<String, Object> trainingSetRow(ParityClient client, TestServer server) throws Exception {
    Files.writeString(server.repository.resolve("degraded-entities.csv"),
        "driver_id,event_timestamp,val_to_add\n" + MISSING + "," + IN_DATA + "," + VAL_TO_ADD + "\n");
    Job started = client.jobs().startTrainingSet(TrainingSetJob.forService(SERVICE, "degraded-entities.csv",
        "out/degraded.parquet"));
    client.jobs().await(started.id(), JOB_TIMEOUT);
    List<Map<String, Object>> rows = ParquetRows.read(server.repository.resolve("out/degraded.parquet"));
    assertThat(rows).as("one training set row").hasSize(1);
    return rows.get(0);
  }

  /** The training set's value of {@code feature}, whether its columns have full names or not. */
  private static Object trainingValue(Map<String, Object> row, String feature) {
    return row.entrySet().stream().filter(e -> e.getKey().equals(feature) || e.getKey().endsWith("__" + feature))
        .map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> new AssertionError("no column " + feature + " in the training set: " + row.keySet()));
  }

  /** Waits for the background fetch a lookup started: it happens on the client's threads. */
  private static void waitUntilKnown(ParityClient client) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (client.knownDefaults(SERVICE).isEmpty()) {
      assertThat(Instant.now()).as("the client fetched the defaults").isBefore(deadline);
      Thread.onSpinWait();
    }
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
