package dev.parity.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.client.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The job helpers' requests and long polls, against a transport the test answers. */
class JobsTest {
  private final ManualTime time = new ManualTime();
  private final ScriptedTransport transport = new ScriptedTransport();
  private final ParityClient client = ParityClient.builder().baseUrl("http://a.test:6566/api/").transport(transport)
      .scheduler(time).ticker(time).executor(Runnable::run).build();

  private static String job(String status, String extra) {
    return "{\"job_id\":\"7-abc\",\"kind\":\"training-set\",\"status\":\"" + status + "\",\"location\":\"/jobs/7-abc\","
        + "\"submitted_at\":\"2026-01-31T00:00:00Z\",\"started_at\":\"2026-01-31T00:00:01Z\","
        + "\"progress\":{\"rows_read\":10,\"rows_written\":0,\"partitions_done\":1,\"partitions_total\":4,"
        + "\"fraction\":0.25,\"current_view\":\"driver_hourly_stats\"}" + extra + "}";
  }

  @Test
  void aTrainingSetIsStartedWithTheServersBodyAndNotRetriedOnceSent() throws Exception {
    CompletableFuture<Job> started = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        started.complete(client.jobs().startTrainingSet(TrainingSetJob.forService("driver_ranking_v1",
            "data/entities.parquet", "out/t.parquet").withAsOfCreated(Instant.parse("2026-01-01T00:00:00Z"))
            .withPlainNames()));
      } catch (RuntimeException e) {
        started.completeExceptionally(e);
      }
    });
    caller.start();
    Await.until(() -> transport.count() > 0, "the start request sent");
    ScriptedTransport.Sent sent = transport.last();
    assertThat(sent.spec().path()).isEqualTo("/jobs/training-set");
    assertThat(sent.spec().idempotent()).isFalse();
    assertThat(sent.body()).isEqualTo("{\"feature_service\":\"driver_ranking_v1\",\"entities\":\"data/entities.parquet\","
        + "\"output\":\"out/t.parquet\",\"as_of_created\":\"2026-01-01T00:00:00Z\",\"plain_names\":true}");
    sent.reply(503, Answers.error(503, "the server is stopping"));
    caller.join();

    assertThat(started).isCompletedExceptionally();
    assertThat(transport.count()).isEqualTo(1);
  }

  @Test
  void awaitingLongPollsUntilTheJobEndsAndReportsEachStatus() {
    List<Job> seen = new ArrayList<>();
    CompletableFuture<Job> done = client.jobs().awaitAsync("7-abc", Duration.ofSeconds(100), seen::add);

    assertThat(transport.last().spec().path()).isEqualTo("/jobs/7-abc?wait_seconds=30");
    assertThat(transport.last().spec().method()).isEqualTo("GET");
    time.jump(Duration.ofSeconds(30));
    transport.last().reply(200, job("running", ""));
    time.jump(Duration.ofSeconds(30));
    transport.last().reply(200, job("running", ""));
    assertThat(transport.last().spec().path()).isEqualTo("/jobs/7-abc?wait_seconds=30");
    transport.last().reply(200, job("succeeded", ",\"finished_at\":\"2026-01-31T00:01:00Z\",\"result\":{\"rows\":3}"));

    Job job = done.join();
    assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(job.result().orElseThrow().get("rows").asLong()).isEqualTo(3);
    assertThat(job.progress()).isEqualTo(new JobProgress(10, 0, 1, 4, java.util.OptionalDouble.of(0.25),
        java.util.Optional.of("driver_hourly_stats")));
    assertThat(seen).extracting(Job::status).containsExactly(JobStatus.RUNNING, JobStatus.RUNNING, JobStatus.SUCCEEDED);
    assertThat(transport.count()).isEqualTo(3);
    assertThat(transport.last().endpoint().toString()).isEqualTo("http://a.test:6566/api");
  }

  @Test
  void theLastPollWaitsOnlyWhatIsLeftAndAJobStillRunningThenIsTheDeadline() {
    CompletableFuture<Job> done = client.jobs().awaitAsync("7-abc", Duration.ofSeconds(40), job -> {});
    time.jump(Duration.ofSeconds(30));
    transport.last().reply(200, job("running", ""));
    assertThat(transport.last().spec().path()).isEqualTo("/jobs/7-abc?wait_seconds=10");
    time.jump(Duration.ofSeconds(10));
    transport.last().reply(200, job("queued", ""));

    assertThat(done).isCompletedExceptionally();
    assertThat(done.handle((v, e) -> e instanceof CompletionException c ? c.getCause() : e).join())
        .isInstanceOf(DeadlineExceededException.class).hasMessageContaining("job 7-abc is still queued after PT40S");
  }

  @Test
  void aFailedJobIsAJobFailedExceptionCarryingItsError() {
    CompletableFuture<Job> done = client.jobs().awaitAsync("7-abc", Duration.ofSeconds(40), job -> {});
    transport.last().reply(200, job("failed", ",\"error\":{\"code\":400,\"message\":\"no such file\"}"));

    Throwable failure = done.handle((v, e) -> e instanceof CompletionException c ? c.getCause() : e).join();
    assertThat(failure).isInstanceOf(JobFailedException.class).hasMessage("job 7-abc (training-set) failed: 400 no such file");
    assertThat(((JobFailedException) failure).job().error()).contains(new Job.Error(400, "no such file"));
  }

  @Test
  void aJobAnswerOfAnotherShapeIsMalformed() {
    CompletableFuture<Job> done = client.jobs().awaitAsync("7-abc", Duration.ofSeconds(40), job -> {});
    transport.last().reply(200, "{\"job_id\":\"7-abc\",\"status\":\"sleeping\"}");

    assertThat(done.handle((v, e) -> e instanceof CompletionException c ? c.getCause() : e).join())
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("no \"kind\"");
  }
}
