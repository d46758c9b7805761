package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.server.errors.ErrorResponse;
import dev.parity.server.jobs.Job;
import dev.parity.server.jobs.JobError;
import dev.parity.server.jobs.JobProgress;

/**
 * A job as {@code POST /jobs/...} (202) and {@code GET /jobs/{id}} return it; times ISO-8601 UTC.
 * {@code result} is there once the job succeeded (the synchronous endpoint's answer), {@code
 * error} ({@code {"code", "message"}}, as the synchronous endpoint would have failed) once it
 * failed, was interrupted or was cancelled.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobJson(
    @JsonProperty("job_id") String jobId,
    @JsonProperty("kind") String kind,
    @JsonProperty("status") String status,
    @JsonProperty("location") String location,
    @JsonProperty("submitted_at") String submittedAt,
    @JsonProperty("started_at") String startedAt,
    @JsonProperty("finished_at") String finishedAt,
    @JsonProperty("progress") Progress progress,
    @JsonProperty("result") Object result,
    @JsonProperty("error") ErrorResponse error) {

  /**
   * What the engine reported: rows, partitions of the current phase and their fraction (null
   * until known), the view read last (null before any).
   */
  public record Progress(
      @JsonProperty("rows_read") long rowsRead,
      @JsonProperty("rows_written") long rowsWritten,
      @JsonProperty("partitions_done") int partitionsDone,
      @JsonProperty("partitions_total") int partitionsTotal,
      @JsonProperty("fraction") Double fraction,
      @JsonProperty("current_view") String currentView) {

    static Progress of(JobProgress progress) {
      return new Progress(progress.rowsRead(), progress.rowsWritten(), progress.partitionsDone(),
          progress.partitionsTotal(), progress.fraction().orElse(null), progress.currentView().orElse(null));
    }
  }

  /** Where a job's status is read. */
  public static String location(String jobId) {
    return "/jobs/" + jobId;
  }

  public static JobJson of(Job job) {
    JobError error = job.error().orElse(null);
    return new JobJson(job.id(), job.kind().id(), job.status().id(), location(job.id()), job.submittedAt().toString(),
        job.startedAt().map(Object::toString).orElse(null), job.finishedAt().map(Object::toString).orElse(null),
        Progress.of(job.progress()), job.result().orElse(null),
        error == null ? null : new ErrorResponse(error.code(), error.message()));
  }
}
