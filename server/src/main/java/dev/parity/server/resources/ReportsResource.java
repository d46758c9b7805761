package dev.parity.server.resources;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.annotation.Timed;
import dev.parity.definitions.FeatureRepository;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.SkewReport;
import dev.parity.reports.consistency.ConsistencyReportHtml;
import dev.parity.reports.consistency.ConsistencyReportJson;
import dev.parity.reports.skew.SkewReportHtml;
import dev.parity.reports.skew.SkewReportJson;
import dev.parity.server.api.JobJson;
import dev.parity.server.api.ReportJson;
import dev.parity.server.api.ReportRequestJson;
import dev.parity.server.auth.Role;
import dev.parity.server.core.AllowedPaths;
import dev.parity.server.core.ServedDefinitions;
import dev.parity.server.errors.InvalidRequestException;
import dev.parity.server.errors.UnknownObjectException;
import dev.parity.server.jobs.Job;
import dev.parity.server.jobs.JobKind;
import dev.parity.server.jobs.JobManager;
import dev.parity.server.jobs.JobWork;
import dev.parity.server.reports.ConsistencyReportService;
import dev.parity.server.reports.SkewReportService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Consistency and skew reports over HTTP: {@code POST /reports/consistency} and {@code POST
 * /reports/skew} start a job (202 with the job, as {@code /jobs/...} do) that makes the report and
 * stores it in the metadata store, its id in the job's result; {@code GET /reports/{id}} is a
 * stored report as JSON, or its self-contained HTML page with {@code Accept: text/html}; {@code
 * GET /reports?service=NAME&limit=N} lists a service's reports, newest first, without their
 * bodies. The request is checked before it is queued (400 naming the field: bad times, {@code
 * from} not before {@code to}, a path outside the allowed directories or naming no file, a range
 * of the serving log without requests; 404 for an unknown service or training set). Starting
 * needs role {@code writer}, reading {@code reader}.
 */
@Path("/reports")
@Consumes(MediaType.APPLICATION_JSON)
public final class ReportsResource {
  /** Most reports {@code GET /reports} lists at once. */
  public static final int MAX_LIMIT = 500;
  private final JobManager jobs;
  private final ConsistencyReportService consistency;
  private final SkewReportService skew;
  private final MetadataStore metadata;
  private final ServedDefinitions served;
  private final AllowedPaths paths;

  public ReportsResource(JobManager jobs, ConsistencyReportService consistency, SkewReportService skew,
      MetadataStore metadata, ServedDefinitions served, AllowedPaths paths) {
    this.jobs = requireNonNull(jobs, "jobs is null");
    this.consistency = requireNonNull(consistency, "consistency is null");
    this.skew = requireNonNull(skew, "skew is null");
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.served = requireNonNull(served, "served is null");
    this.paths = requireNonNull(paths, "paths is null");
  }

  @POST
  @Path("consistency")
  @Produces(MediaType.APPLICATION_JSON)
  @Timed(name = "parity.http.reports.consistency", absolute = true)
  @RolesAllowed(Role.WRITER_ID)
  public Response consistency(ReportRequestJson body) {
    ReportRequestJson request = required(body, "{\"service\": \"driver_ranking_v1\", \"from\": "
        + "\"2026-01-01T00:00:00Z\", \"to\": \"2026-01-02T00:00:00Z\"} or {\"service\": \"...\", \"sample\": 100}");
    FeatureRepository repository = served.repository();
    String service = request.service(repository);
    if (request.servingLog()) {
      Instant from = request.fromTime();
      Instant to = request.toTime();
      return accepted(JobKind.CONSISTENCY_REPORT, progress -> stored(consistency.record(repository,
          consistency.servingLog(repository, service, from, to))));
    }
    int size = request.sample();
    return accepted(JobKind.CONSISTENCY_REPORT, progress -> stored(consistency.record(repository,
        consistency.sample(repository, service, size))));
  }

  @POST
  @Path("skew")
  @Produces(MediaType.APPLICATION_JSON)
  @Timed(name = "parity.http.reports.skew", absolute = true)
  @RolesAllowed(Role.WRITER_ID)
  public Response skew(ReportRequestJson body) {
    ReportRequestJson request = required(body, "{\"service\": \"driver_ranking_v1\", \"reference\": "
        + "\"training-set:7\", \"current\": \"log:2026-01-01T00:00:00Z..2026-01-02T00:00:00Z\"}");
    FeatureRepository repository = served.repository();
    String service = request.service(repository);
    SkewReportService.Inputs inputs = skew.resolve(repository, service, request.referenceSide(), request.currentSide(),
        SkewReportService.Caller.http(paths, repository));
    return accepted(JobKind.SKEW_REPORT, progress -> stored(skew.record(repository,
        skew.compare(repository, service, inputs), inputs)));
  }

  /** A stored report as JSON (the default). */
  @GET
  @Path("{id}")
  @Produces({"application/json; qs=1"})
  @Timed(name = "parity.http.reports.get", absolute = true)
  @RolesAllowed(Role.READER_ID)
  public ReportJson report(@PathParam("id") String id) {
    return ReportJson.of(find(id));
  }

  /** A stored report as its self-contained HTML page ({@code Accept: text/html}). */
  @GET
  @Path("{id}")
  @Produces({"text/html; qs=0.5"})
  @Timed(name = "parity.http.reports.get-html", absolute = true)
  @RolesAllowed(Role.READER_ID)
  public String page(@PathParam("id") String id) {
    Recorded<SkewReport> recorded = find(id);
    String body = recorded.value().report().toString();
    return switch (recorded.value().kind()) {
      case ConsistencyReportService.KIND -> new ConsistencyReportHtml().render(ConsistencyReportJson.fromJson(body));
      case SkewReportService.KIND -> new SkewReportHtml().render(SkewReportJson.fromJson(body));
      default -> throw new UnknownObjectException("report " + id + " is a '" + recorded.value().kind()
          + "' report, which has no HTML page; ask for JSON");
    };
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Timed(name = "parity.http.reports.list", absolute = true)
  @RolesAllowed(Role.READER_ID)
  public List<ReportJson> list(@QueryParam("service") String service,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    if (service == null || service.isBlank()) {
      throw new InvalidRequestException("query parameter service is missing: GET /reports?service=NAME");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException("query parameter limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    FeatureRepository repository = served.repository();
    if (repository.featureService(service).isEmpty()) {
      throw new UnknownObjectException("query parameter service: unknown feature service '" + service + "'");
    }
    return metadata.skewReports(repository.config().project(), service, limit, 0).stream()
        .map(ReportJson::summary).toList();
  }

  private Recorded<SkewReport> find(String id) {
    long number;
    try {
      number = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new UnknownObjectException("no report '" + id + "': report ids are numbers (see GET /reports?service=)");
    }
    String project = served.repository().config().project();
    return (number < 1 ? java.util.Optional.<Recorded<SkewReport>>empty() : metadata.skewReport(number))
        .filter(r -> r.value().project().equals(project))
        .orElseThrow(() -> new UnknownObjectException("no report " + id + " in project " + project));
  }

  private ReportJson stored(long id) {
    return metadata.skewReport(id).map(ReportJson::summary)
        .orElseThrow(() -> new IllegalStateException("report " + id + " was recorded but cannot be read back"));
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
