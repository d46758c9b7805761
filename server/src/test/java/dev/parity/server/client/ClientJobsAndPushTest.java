package dev.parity.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.client.BadRequestException;
import dev.parity.client.FeatureRow;
import dev.parity.client.FeatureStatus;
import dev.parity.client.Job;
import dev.parity.client.JobFailedException;
import dev.parity.client.JobStatus;
import dev.parity.client.NotFoundException;
import dev.parity.client.ParityClient;
import dev.parity.client.PushResult;
import dev.parity.client.TrainingSetJob;
import dev.parity.client.UnauthorizedException;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's batch helpers end to end against the real application with tokens: rows pushed
 * are served, jobs are started, followed with their progress and read, a failed job is the
 * caller's {@link JobFailedException}, and a reader may not write.
 */
class ClientJobsAndPushTest {
  private static final String READER = "reader-token-0123456789";
  private static final String WRITER = "writer-token-0123456789";
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

  @TempDir static Path temp;
  static TestServer server;
  static ParityClient writer;
  static ParityClient reader;

  @BeforeAll
  static void start() {
    server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> config.getAuth().setTokens(
        List.of(new TokenConfig(READER, Set.of(Role.READER), "scorer"), new TokenConfig(WRITER, Set.of(Role.WRITER),
            "etl"))));
    writer = client(WRITER);
    reader = client(READER);
  }

  private static ParityClient client(String token) {
    return ParityClient.builder().baseUrl("http://127.0.0.1:" + server.port()).bearerToken(token)
        .deadline(Duration.ofSeconds(10)).attemptTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    writer.close();
    reader.close();
    server.close();
  }

  @Test
  void pushedRowsByColumnAndByRowAreServedWithTheirEventTimes() {
    Instant first = server.now.minus(10, ChronoUnit.MINUTES);
    Instant second = server.now.minus(5, ChronoUnit.MINUTES);

    PushResult byColumn = writer.push("driver_stats").column("driver_id", List.of(1060))
        .column("event_timestamp", List.of(first)).column("conv_rate", List.of(0.25)).column("acc_rate", List.of(0.5))
        .column("avg_daily_trips", List.of(3)).column("vehicle_type", List.of("van")).send();
    PushResult byRow = writer.push("driver_stats").row(Map.of("driver_id", 1061, "event_timestamp", second,
        "conv_rate", 0.75, "acc_rate", 0.5, "avg_daily_trips", 4, "vehicle_type", "suv")).send();

    assertThat(byColumn.rows()).isEqualTo(1);
    assertThat(byColumn.to()).isEqualTo("online");
    assertThat(byColumn.views()).extracting(PushResult.View::view).containsExactly("driver_hourly_stats");
    assertThat(byColumn.views().get(0).written()).isEqualTo(1);
    assertThat(byColumn.offlineFile()).isEmpty();
    assertThat(byRow.views().get(0).written()).isEqualTo(1);
    List<FeatureRow> rows = reader.featureList("driver_hourly_stats:conv_rate", "driver_hourly_stats:vehicle_type")
        .entities("driver_id", List.of(1060, 1061)).get().rows();
    assertThat(rows.get(0).getDouble("conv_rate")).isEqualTo(0.25);
    assertThat(rows.get(0).eventTime("conv_rate")).contains(first);
    assertThat(rows.get(1).getString("vehicle_type")).isEqualTo("suv");
    assertThat(rows.get(1).eventTime("conv_rate")).contains(second);
  }

  @Test
  void aRefusedPushNamesRowAndColumnAndAReaderMayNotPush() {
    assertThatThrownBy(() -> writer.push("driver_stats").row(Map.of("driver_id", 1062, "event_timestamp", server.now,
        "conv_rate", "abc", "acc_rate", 0.5, "avg_daily_trips", 4, "vehicle_type", "suv")).send())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("row 0, column conv_rate");
    assertThatThrownBy(() -> writer.push("driver_stat").column("driver_id", List.of(1062)).send())
        .isInstanceOf(NotFoundException.class).hasMessageContaining("unknown source 'driver_stat'");
    assertThatThrownBy(() -> reader.push("driver_stats").column("driver_id", List.of(1062))
        .column("event_timestamp", List.of(server.now)).send())
        .isInstanceOf(UnauthorizedException.class).satisfies(e -> assertThat(((UnauthorizedException) e).httpStatus())
            .hasValue(403));
    assertThat(reader.featureList("driver_hourly_stats:conv_rate").entity("driver_id", 1062).get().row(0)
        .status("conv_rate")).isEqualTo(FeatureStatus.NOT_FOUND);
  }

  @Test
  void aMaterializationJobIsFollowedToItsEndWithItsProgressAndItsResult() {
    Job started = writer.jobs().startMaterialization(Instant.parse("2000-01-01T00:00:00Z"),
        Instant.now().truncatedTo(ChronoUnit.SECONDS), List.of("customer_profile"));
    assertThat(started.kind()).isEqualTo("materialize");
    assertThat(started.status()).isIn(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.SUCCEEDED);
    List<Job> seen = new ArrayList<>();

    Job done = reader.jobs().await(started.id(), JOB_TIMEOUT, seen::add);

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(seen).isNotEmpty().last().isEqualTo(done);
    assertThat(done.finishedAt()).isPresent();
    assertThat(done.progress().currentView()).contains("customer_profile");
    assertThat(done.result().orElseThrow().get("views").get(0).get("view").asText()).isEqualTo("customer_profile");
    assertThat(reader.jobs().get(started.id())).isEqualTo(done);
  }

  @Test
  void aTrainingSetJobBuildsItsFile() {
    Job started = writer.jobs().startTrainingSet(TrainingSetJob.forService("driver_ranking_v1", "data/entities.parquet",
        "out/client-ts.parquet"));

    Job done = writer.jobs().await(started.id(), JOB_TIMEOUT);

    assertThat(done.kind()).isEqualTo("training-set");
    assertThat(Path.of(done.result().orElseThrow().get("path").asText()))
        .isEqualTo(server.repository.resolve("out/client-ts.parquet")).exists();
    assertThat(done.result().get().get("rows").asLong()).isPositive();
  }

  @Test
  void aJobThatFailsIsTheCallersJobFailedExceptionWithTheServersError() {
    Job started = writer.jobs().startTrainingSet(TrainingSetJob.forFeatures(List.of("driver_activity:trips_7d"),
        "no/such/entities.parquet", "out/never.parquet"));

    assertThatThrownBy(() -> writer.jobs().await(started.id(), JOB_TIMEOUT)).isInstanceOf(JobFailedException.class)
        .hasMessageContaining("failed: 400").hasMessageContaining("no/such/entities.parquet")
        .satisfies(e -> assertThat(((JobFailedException) e).job().status()).isEqualTo(JobStatus.FAILED));
  }

  @Test
  void badJobRequestsAndUnknownJobsAreRefusedAndAReaderMayNotStartOne() {
    assertThatThrownBy(() -> writer.jobs().startTrainingSet(TrainingSetJob.forService("driver_ranking_v1", "e.csv",
        "")) ).isInstanceOf(BadRequestException.class).hasMessageContaining("output");
    assertThatThrownBy(() -> reader.jobs().get("1-no-such-job")).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("unknown job '1-no-such-job'");
    assertThatThrownBy(() -> reader.jobs().startIncrementalMaterialization(Instant.now(), List.of()))
        .isInstanceOf(UnauthorizedException.class);
  }
}
