package dev.parity.server.feast;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.Names;
import dev.parity.server.api.PushRequestJson;
import dev.parity.server.api.PushResultJson;
import dev.parity.server.auth.Role;
import dev.parity.server.push.PushResult;
import dev.parity.server.push.PushService;
import dev.parity.server.core.ServedDefinitions;
import dev.parity.server.errors.InvalidRequestException;
import dev.parity.server.errors.RequestTooLargeException;
import dev.parity.server.errors.UnknownObjectException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * {@code POST /write-to-online-store}: Feast's write of one feature view's rows to the online
 * store, which the SDK's remote online store sends for {@code store.push(..., to=ONLINE)}, {@code
 * store.write_to_online_store} and {@code feast materialize}. The rows become a push to the view
 * alone ({@link PushService#writeOnline}): the same checks (errors naming row and column),
 * validation, computation and newer-wins write; computed columns the client sends are handled as
 * {@link OnlineWriteRows} says. Errors: 400 a bad row, column, skew between sent and computed
 * values, an aggregation view, an on-demand or offline view; 404 unknown view; 409 not applied; 413
 * more than {@code maxEntityRows} rows; 503 Redis. In Feast's shape when asked ({@link FeastErrors}).
 * Role {@code writer}.
 */
@Path("/write-to-online-store")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class FeastWriteResource {
  private final PushService pushes;
  private final ServedDefinitions served;
  private final int maxRows;
  private final ComputedColumns computed;
  private final FeastErrors errors;
  private final ObjectMapper mapper;

  /** @param maxRows the most rows one request may write (the server's {@code maxEntityRows}) */
  public FeastWriteResource(PushService pushes, ServedDefinitions served, int maxRows, ComputedColumns computed,
      FeastErrors errors, ObjectMapper mapper) {
    this.pushes = requireNonNull(pushes, "pushes is null");
    this.served = requireNonNull(served, "served is null");
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
    }
    this.maxRows = maxRows;
    this.computed = requireNonNull(computed, "computed is null");
    this.errors = requireNonNull(errors, "errors is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
  }

  /** The body is read here, not by Jersey, so that a malformed one is answered in the shape asked for too. */
  @POST
  @Timed(name = "parity.http.write-to-online-store", absolute = true)
  @RolesAllowed(Role.WRITER_ID)
  public Response write(@HeaderParam(FeastErrors.HEADER) String format, byte[] body) {
    try {
      return Response.ok(write(body)).build();
    } catch (RuntimeException | IOException failure) {
      return errors.response(format, failure);
    }
  }

  private PushResultJson write(byte[] body) throws IOException {
    WriteRequestJson request = FeastRequests.read(mapper, body, WriteRequestJson.class,
        "{\"feature_view_name\": \"driver_hourly_stats\", \"df\": {\"driver_id\": [1001], ...}}");
    if (request.featureViewName() == null) {
      throw new InvalidRequestException("feature_view_name is missing: name the feature view whose rows df holds");
    }
    FeatureRepository repository = served.repository();
    FeatureView view = view(repository, request.featureViewName());
    PushRequestJson rows = new PushRequestJson(null, FeastRequests.withoutNullColumn(request.df(),
        OnlineWriteRows.CREATED), null);
    int count = rows.rowCount();
    if (count > maxRows) {
      throw new RequestTooLargeException(count + " rows in one write; this server takes at most " + maxRows
          + " (maxEntityRows): split the write");
    }
    PushResult result = pushes.writeOnline(repository, view,
        OnlineWriteRows.of(repository, view, rows.rows(), computed));
    return PushResultJson.of(result, repository.root());
  }

  private static FeatureView view(FeatureRepository repository, String name) {
    if (repository.onDemandFeatureView(name).isPresent()) {
      throw new InvalidRequestException("'" + name + "' is an on-demand feature view: Parity computes it at request "
          + "time from request data and other views, so there is nothing to write online");
    }
    return repository.featureView(name).orElseThrow(() -> new UnknownObjectException("unknown feature view '" + name
        + "'" + Names.didYouMean(name, repository.featureViews().stream().map(FeatureView::name).toList())));
  }
}
