package dev.parity.server.resources;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.RunKind;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.server.api.RunJson;
import dev.parity.server.auth.Role;
import dev.parity.server.core.ServedDefinitions;
import dev.parity.server.errors.InvalidRequestException;
import dev.parity.server.errors.UnknownObjectException;
import dev.parity.server.triggers.TriggerJson;
import jakarta.ws.rs.PathParam;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /runs?kind=materialization&status=failed&limit=50&offset=0}: the project's
 * materialization and trigger runs, newest first, with their status. Role {@code reader}.
 */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public final class RunsResource {
  private final MetadataStore metadata;
  private final ServedDefinitions served;

  public RunsResource(MetadataStore metadata, ServedDefinitions served) {
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.served = requireNonNull(served, "served is null");
  }

  @GET
  @RolesAllowed(Role.READER_ID)
  public List<RunJson> runs(@QueryParam("kind") String kind, @QueryParam("status") String status,
      @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
    if (limit < 1 || limit > RunQuery.MAX_LIMIT || offset < 0) {
      throw new InvalidRequestException("limit must be between 1 and " + RunQuery.MAX_LIMIT
          + " and offset not negative, got limit " + limit + ", offset " + offset);
    }
    RunQuery query = RunQuery.of(served.repository().config().project()).withPage(limit, offset);
    if (kind != null) {
      query = query.withKind(parse(RunKind.class, kind, "kind"));
    }
    if (status != null) {
      query = query.withStatus(parse(RunStatus.class, status, "status"));
    }
    return metadata.runs(query).stream().map(run -> run.kind() == RunKind.TRIGGER
        ? metadata.triggerRunDetail(run.id()).map(d -> RunJson.of(run).withTriggerRun(TriggerJson.run(d)))
            .orElse(RunJson.of(run))
        : RunJson.of(run)).toList();
  }

  /** {@code GET /runs/triggers/{id}}: one trigger run with its steps, durations, hook record and links. */
  @GET
  @Path("triggers/{id}")
  @RolesAllowed(Role.READER_ID)
  public com.fasterxml.jackson.databind.JsonNode triggerRun(@PathParam("id") long id) {
    return metadata.triggerRunDetail(id).filter(d -> d.run().project().equals(served.repository().config().project()))
        .<com.fasterxml.jackson.databind.JsonNode>map(TriggerJson::run)
        .orElseThrow(() -> new UnknownObjectException("no trigger run " + id));
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("unknown run " + name + " '" + value + "'; expected one of "
          + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
    }
  }
}
