package dev.parity.server.models;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.registry.metadata.MetricObservation;
import dev.parity.server.auth.Caller;
import dev.parity.server.auth.Role;
import dev.parity.server.errors.InvalidRequestException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /models}: versions reported by pipelines (writer), metric observations (writer), alias
 * promotions and rollbacks through the gates (writer; admin for a protected alias), the model's
 * record, comparisons and lineage (reader). With authentication off, every caller is an admin named
 * {@code anonymous}.
 */
@Path("/models/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ModelsResource {
  private final ModelsService models;
  private final Clock clock;

  public ModelsResource(ModelsService models, Clock clock) {
    this.models = requireNonNull(models, "models is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The body of {@code POST /models/{name}/versions}. */
  public record RegisterRequest(String version, @JsonProperty("artifact_uri") String artifactUri,
      @JsonProperty("training_set_id") Long trainingSetId, Map<String, Double> metrics) {}

  /** The body of {@code POST /models/{name}/versions/{v}/metrics}; observed now if no time is given. */
  public record ObserveRequest(@JsonProperty("observed_at") Instant observedAt, Map<String, Double> metrics) {}

  /** The body of {@code POST /models/{name}/aliases/{alias}}. */
  public record PromoteRequest(String version) {}

  @POST
  @Path("versions")
  @RolesAllowed(Role.WRITER_ID)
  public Response register(@PathParam("name") String name, RegisterRequest request) {
    RegisterRequest r = require(request, "{\"version\": ..., \"training_set_id\": ..., \"artifact_uri\": ..., "
        + "\"metrics\": {...}}");
    if (r.version() == null || r.version().isBlank()) {
      throw new InvalidRequestException("field 'version' is missing");
    }
    if (r.trainingSetId() == null) {
      throw new InvalidRequestException("field 'training_set_id' is missing");
    }
    Map<String, Double> metrics = r.metrics() == null ? Map.of() : r.metrics();
    observations(metrics, clock.instant(), true);
    models.register(name, r.version(), r.trainingSetId(), optional(r.artifactUri()), metrics);
    return Response.status(Response.Status.CREATED).entity(models.compare(name, List.of(r.version())).get(0)).build();
  }

  @POST
  @Path("versions/{version}/metrics")
  @RolesAllowed(Role.WRITER_ID)
  public ModelJson.Version observe(@PathParam("name") String name, @PathParam("version") String version,
      ObserveRequest request) {
    ObserveRequest r = require(request, "{\"metrics\": {\"name\": number, ...}, \"observed_at\": \"ISO-8601\"}");
    models.observe(name, version, observations(r.metrics(), r.observedAt() == null ? clock.instant()
        : r.observedAt(), false));
    return models.compare(name, List.of(version)).get(0);
  }

  @POST
  @Path("aliases/{alias}")
  @RolesAllowed(Role.WRITER_ID)
  public DecisionJson promote(@PathParam("name") String name, @PathParam("alias") String alias,
      PromoteRequest request, @Context SecurityContext security) {
    PromoteRequest r = require(request, "{\"version\": ...}");
    if (r.version() == null || r.version().isBlank()) {
      throw new InvalidRequestException("field 'version' is missing");
    }
    return models.decisionJson(models.promote(name, r.version(), alias, principal(security), admin(security)));
  }

  @POST
  @Path("aliases/{alias}/rollback")
  @RolesAllowed(Role.WRITER_ID)
  public DecisionJson rollback(@PathParam("name") String name, @PathParam("alias") String alias,
      @Context SecurityContext security) {
    return models.decisionJson(models.rollback(name, alias, principal(security), admin(security)));
  }

  @GET
  @RolesAllowed(Role.READER_ID)
  public ModelJson describe(@PathParam("name") String name) {
    return models.describe(name);
  }

  @GET
  @Path("versions/{version}/lineage")
  @RolesAllowed(Role.READER_ID)
  public LineageJson lineage(@PathParam("name") String name, @PathParam("version") String version) {
    return models.lineage(name, version);
  }

  @GET
  @Path("compare")
  @RolesAllowed(Role.READER_ID)
  public List<ModelJson.Version> compare(@PathParam("name") String name, @QueryParam("versions") String versions) {
    return models.compare(name, versions(versions));
  }

  private static <T> T require(T body, String shape) {
    if (body == null) {
      throw new InvalidRequestException("request body is missing; expected " + shape);
    }
    return body;
  }

  static String principal(SecurityContext security) {
    return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
  }

  static boolean admin(SecurityContext security) {
    return !(security.getUserPrincipal() instanceof Caller caller) || caller.may(Role.ADMIN);
  }

  static List<String> versions(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  static Optional<String> optional(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  static List<MetricObservation> observations(Map<String, Double> metrics, Instant at, boolean mayBeEmpty) {
    if (metrics == null || metrics.isEmpty() && !mayBeEmpty) {
      throw new InvalidRequestException("field 'metrics' is missing or empty: expected {\"name\": number, ...}");
    }
    try {
      return metrics.entrySet().stream().map(e -> {
        if (e.getValue() == null) {
          throw new IllegalArgumentException("metric '" + e.getKey() + "' has no value");
        }
        return new MetricObservation(e.getKey(), e.getValue(), at);
      }).toList();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }
}
