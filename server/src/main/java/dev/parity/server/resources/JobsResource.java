package dev.parity.server.resources;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.annotation.Timed;
import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.server.api.JobJson;
import dev.parity.server.api.JobTrainingSetJson;
import dev.parity.server.api.JobTrainingSetRequestJson;
import dev.parity.server.api.MaterializationJson;
import dev.parity.server.api.MaterializeRequestJson;
import dev.parity.server.core.ServedDefinitions;
import dev.parity.server.auth.Role;
import dev.parity.server.core.AllowedPaths;
import dev.parity.server.core.MaterializationService;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.errors.InvalidRequestException;
import dev.parity.server.errors.UnknownObjectException;
import dev.parity.server.jobs.Job;
import dev.parity.server.jobs.JobKind;
import dev.parity.server.jobs.JobManager;
import dev.parity.server.jobs.JobWork;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Asynchronous jobs (issue 7): {@code POST /jobs/materialize}, {@code /jobs/materialize-incremental}
 * (bodies as their synchronous endpoints) and {@code /jobs/training-set} answer 202 with the job
 * and its {@code location}; {@code GET /jobs/{id}[?wait_seconds=N]} is its status, progress,
 * result or error (after waiting up to N seconds for the job to end);
 * {@code GET /jobs} lists this server's jobs, newest first. The request is checked before it is
 * queued, with the checks and messages of the synchronous path (400: bad times, unknown service,
 * view or feature, a view not online, paths outside the directories {@link AllowedPaths} allows;
 * 409: a repository not applied); a job fails only on what needs its data (a missing or corrupt
 * file, validation). A full queue is 429, a stopping server 503. Starting needs role {@code
 * writer}, reading {@code reader}.
 */
@Path("/jobs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class JobsResource {
  /** Longest long poll of {@code GET /jobs/{id}?wait_seconds=}. */
  public static final int MAX_WAIT_SECONDS = 30;
  private final JobManager jobs;
  private final MaterializationService materializations;
  private final TrainingSetService trainingSets;
  private final ServedDefinitions served;
  private final AllowedPaths paths;

  public JobsResource(JobManager jobs, MaterializationService materializations, TrainingSetService trainingSets,
      ServedDefinitions served, AllowedPaths paths) {
    this.jobs = requireNonNull(jobs, "jobs is null");
    this.materializations = requireNonNull(materializations, "materializations is null");
    this.trainingSets = requireNonNull(trainingSets, "trainingSets is null");
    this.served = requireNonNull(served, "served is null");
    this.paths = requireNonNull(paths, "paths is null");
  }

  @POST
  @Path("materialize")
  @Timed(name = "parity.http.jobs.materialize", absolute = true)
  @RolesAllowed(Role.WRITER_ID)
  public Response materialize(MaterializeRequestJson body) {
    MaterializeRequestJson request = required(body, "{\"start_ts\": \"2026-01-01T00:00:00Z\", \"end_ts\": \"2026-01-31T00:00:00Z\"}");
    Instant start = request.start();
    Instant end = request.end();
    Optional<List<String>> views = request.views();
    FeatureRepository repository = served.repository();
    materializations.checkMaterialize(repository, start, end, views);
    return accepted(JobKind.MATERIALIZE, progress ->
        MaterializationJson.of(materializations.materialize(repository, start, end, views, progress)));
  }

  @POST
  @Path("materialize-incremental")
  @Timed(name = "parity.http.jobs.materialize-incremental", absolute = true)
  @RolesAllowed(Role.WRITER_ID)
  public Response materializeIncremental(MaterializeRequestJson body) {
    MaterializeRequestJson request = required(body, "{\"end_ts\": \"2026-01-31T00:00:00Z\"}");
    Instant end = request.end();
    Optional<List<String>> views = request.views();
    FeatureRepository repository = served.repository();
    materializations.checkMaterializeIncremental(repository, end, views);
    return accepted(JobKind.MATERIALIZE_INCREMENTAL, progress ->
        MaterializationJson.of(materializations.materializeIncremental(repository, end, views, progress)));
  }

  @POST
  @Path("training-set")
  @Timed(name = "parity.http.jobs.training-set", absolute = true)
  @RolesAllowed(Role.WRITER_ID)
  public Response trainingSet(JobTrainingSetRequestJson body) {
    JobTrainingSetRequestJson request = required(body,
        "{\"feature_service\": \"...\", \"entities\": \"entities.parquet\", \"output\": \"training.parquet\"}");
    FeatureRepository repository = served.repository();
    TrainingSetSpec spec = request.toSpec(repository, paths);
    trainingSets.check(repository, spec);
    return accepted(JobKind.TRAINING_SET, progress -> JobTrainingSetJson.of(trainingSets.build(repository, spec, progress)));
  }

  /**
   * The job; with {@code wait_seconds} (at most {@value #MAX_WAIT_SECONDS}), answered as soon as
   * it ends or when that time is over (a long poll).
   */
  @GET
  @Path("{id}")
  @Timed(name = "parity.http.jobs.get", absolute = true)
  @RolesAllowed(Role.READER_ID)
  public JobJson job(@PathParam("id") String id, @QueryParam("wait_seconds") @DefaultValue("0") int waitSeconds) {
    if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
      throw new InvalidRequestException("wait_seconds must be between 0 and " + MAX_WAIT_SECONDS + ", got " + waitSeconds);
    }
    Optional<Job> job = waitSeconds == 0 ? jobs.job(id) : jobs.awaitEnd(id, Duration.ofSeconds(waitSeconds));
    return job.map(JobJson::of).orElseThrow(() -> new UnknownObjectException("unknown job '" + id
        + "': this server never ran it, or forgot it since it finished (see GET /jobs, and GET /runs for the runs "
        + "recorded in the metadata store)"));
  }

  @GET
  @Timed(name = "parity.http.jobs.list", absolute = true)
  @RolesAllowed(Role.READER_ID)
  public List<JobJson> list() {
    return jobs.jobs().stream().map(JobJson::of).toList();
  }

  private Response accepted(JobKind kind, JobWork work) {
    Job job = jobs.submit(kind, work);
    return Response.accepted(JobJson.of(job)).location(URI.create(JobJson.location(job.id()))).build();
  }

  private static <T> T required(T body, String example) {
    if (body == null) {
      throw new InvalidRequestException("the request body is empty; expected JSON such as " + example);
    }
    return body;
  }
}
