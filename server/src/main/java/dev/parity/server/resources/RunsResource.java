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
    return metadata.runs(query).stream().map(RunJson::of).toList();
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
