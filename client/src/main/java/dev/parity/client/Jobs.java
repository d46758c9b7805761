package dev.parity.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The server's asynchronous jobs ({@code POST /jobs/...}, {@code GET /jobs/{id}}): start a
 * materialization or a training set, follow it with progress callbacks, read its result.
 * Starting needs a {@code writer} token, reading a {@code reader} one. A start is retried only
 * when the server cannot have queued it (connection refused, HTTP 429), so that a job is never
 * started twice by the client. Thread-safe.
 *
 * <pre>{@code
 * Job started = client.jobs().startTrainingSet(
 *     TrainingSetJob.forService("driver_ranking_v1", "data/entities.parquet", "out/training.parquet"));
 * Job done = client.jobs().await(started.id(), Duration.ofMinutes(30),
 *     job -> log.info("{} rows read", job.progress().rowsRead()));
 * String path = done.result().orElseThrow().get("path").asText();
 * }</pre>
 */
public final class Jobs {
  /** The longest long poll the server takes ({@code wait_seconds}). */
  static final int MAX_WAIT_SECONDS = 30;
  /** Room for the answer beyond the long poll's wait. */
  private static final Duration POLL_SLACK = Duration.ofSeconds(10);
  private final BatchCalls calls;

  Jobs(BatchCalls calls) {
    this.calls = calls;
  }

  /** Starts materializing the online views' values over {@code [start, end]}; {@code views} empty for all. */
  public Job startMaterialization(Instant start, Instant end, List<String> views) {
    ObjectNode body = calls.json().createObjectNode();
    body.put("start_ts", requireNonNull(start, "start is null").toString());
    body.put("end_ts", requireNonNull(end, "end is null").toString());
    views(body, views);
    return start("materialize", body);
  }

  /** Starts materializing from each view's last materialized end to {@code end}; {@code views} empty for all. */
  public Job startIncrementalMaterialization(Instant end, List<String> views) {
    ObjectNode body = calls.json().createObjectNode();
    body.put("end_ts", requireNonNull(end, "end is null").toString());
    views(body, views);
    return start("materialize-incremental", body);
  }

  /** Starts building a training set. */
  public Job startTrainingSet(TrainingSetJob job) {
    requireNonNull(job, "job is null");
    ObjectNode body = calls.json().createObjectNode();
    if (job.featureService() != null) {
      body.put("feature_service", job.featureService());
    } else {
      job.features().forEach(body.putArray("features")::add);
    }
    body.put("entities", job.entities());
    body.put("output", job.output());
    job.asOfCreated().ifPresent(asOf -> body.put("as_of_created", asOf.toString()));
    if (job.plainNames()) {
      body.put("plain_names", true);
    }
    return start("training-set", body);
  }

  /** The job's status now. */
  public Job get(String jobId) {
    return Futures.await(status(jobId, 0));
  }

  /**
   * Waits for the job to end, long-polling the server; {@code progress} is called with every
   * status read, the last one included.
   *
   * @return the job, succeeded
   * @throws JobFailedException if it failed or was interrupted
   * @throws DeadlineExceededException if it is still running after {@code timeout}
   */
  public Job await(String jobId, Duration timeout, Consumer<Job> progress) {
    return Futures.await(awaitAsync(jobId, timeout, progress));
  }

  /** As {@link #await(String, Duration, Consumer)}, without a progress callback. */
  public Job await(String jobId, Duration timeout) {
    return await(jobId, timeout, job -> {});
  }

  /** As {@link #await(String, Duration, Consumer)}, without blocking. */
  public CompletableFuture<Job> awaitAsync(String jobId, Duration timeout, Consumer<Job> progress) {
    requireNonNull(jobId, "jobId is null");
    requireNonNull(progress, "progress is null");
    long until = calls.ticker().read() + requireNonNull(timeout, "timeout is null").toNanos();
    return calls.async(poll(jobId, until, timeout, progress));
  }

  private CompletableFuture<Job> poll(String jobId, long until, Duration timeout, Consumer<Job> progress) {
    long remaining = until - calls.ticker().read();
    int wait = (int) Math.max(0, Math.min(MAX_WAIT_SECONDS, (remaining + 999_999_999L) / 1_000_000_000L));
    return status(jobId, wait).thenCompose(job -> {
      progress.accept(job);
      if (job.status() == JobStatus.SUCCEEDED) {
        return CompletableFuture.completedFuture(job);
      }
      if (job.status().finished()) {
        return CompletableFuture.failedFuture(new JobFailedException(job));
      }
      if (calls.ticker().read() - until >= 0) {
        return CompletableFuture.failedFuture(new DeadlineExceededException("job " + jobId + " is still "
            + job.status().name().toLowerCase(Locale.ROOT) + " after " + timeout, null));
      }
      return poll(jobId, until, timeout, progress);
    });
  }

  private CompletableFuture<Job> status(String jobId, int waitSeconds) {
    String path = "/jobs/" + URLEncoder.encode(requireNonNull(jobId, "jobId is null"), StandardCharsets.UTF_8)
        .replace("+", "%20") + (waitSeconds > 0 ? "?wait_seconds=" + waitSeconds : "");
    return calls.call("job-status", "GET", path, null, true, Duration.ofSeconds(waitSeconds).plus(POLL_SLACK),
        Jobs::job);
  }

  private Job start(String kind, ObjectNode body) {
    byte[] bytes;
    try {
      bytes = calls.json().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return Futures.await(calls.call("job-start", "POST", "/jobs/" + kind, bytes, false, calls.timeout(), Jobs::job));
  }

  private static void views(ObjectNode body, List<String> views) {
    requireNonNull(views, "views are null");
    if (!views.isEmpty()) {
      views.forEach(body.putArray("feature_views")::add);
    }
  }

  /** A job as the server answers it. */
  static Job job(JsonNode json) throws IOException {
    JsonNode progress = json.path("progress");
    JsonNode fraction = progress.path("fraction");
    JsonNode error = json.path("error");
    JsonNode result = json.get("result");
    return new Job(text(json, "job_id"), text(json, "kind"), status(text(json, "status")),
        instant(text(json, "submitted_at")), optionalInstant(json, "started_at"), optionalInstant(json, "finished_at"),
        new JobProgress(progress.path("rows_read").asLong(), progress.path("rows_written").asLong(),
            progress.path("partitions_done").asInt(), progress.path("partitions_total").asInt(),
            fraction.isNumber() ? OptionalDouble.of(fraction.asDouble()) : OptionalDouble.empty(),
            Optional.ofNullable(progress.path("current_view").textValue())),
        result == null || result.isNull() ? Optional.empty() : Optional.of(result),
        error.isObject() ? Optional.of(new Job.Error(error.path("code").asInt(), error.path("message").asText()))
            : Optional.empty());
  }

  private static String text(JsonNode json, String field) throws IOException {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new IOException("the job has no \"" + field + "\"");
    }
    return value.textValue();
  }

  private static JobStatus status(String text) throws IOException {
    try {
      return JobStatus.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IOException("unknown job status '" + text + "'", e);
    }
  }

  private static Optional<Instant> optionalInstant(JsonNode json, String field) throws IOException {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(instant(value.asText()));
  }

  private static Instant instant(String text) throws IOException {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IOException("'" + text + "' is not an ISO-8601 time", e);
    }
  }
}
