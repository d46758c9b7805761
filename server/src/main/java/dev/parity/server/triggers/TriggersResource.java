package dev.parity.server.triggers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.registry.metadata.FiringOutcome;
import dev.parity.registry.metadata.TriggerFiring;
import dev.parity.server.auth.Role;
import dev.parity.server.errors.InvalidRequestException;
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
import java.util.Optional;

/**
 * {@code /triggers}: the declared triggers and their recent firings (reader), and firing one by hand
 * (admin, as applies are: a firing runs the user's pipeline).
 */
@Path("/triggers")
@Produces(MediaType.APPLICATION_JSON)
public final class TriggersResource {
  private final TriggerService triggers;

  public TriggersResource(TriggerService triggers) {
    this.triggers = requireNonNull(triggers, "triggers is null");
  }

  // Immutable after construction: reads request bodies only.
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** The reason of an optional body {@code {"reason": "..."}}, read whatever its content type (curl -X POST sends none). */
  private static Optional<String> reason(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidRequestException("malformed JSON request body: " + e.getOriginalMessage());
    }
    if (!node.isObject()) {
      throw new InvalidRequestException("the body must be a JSON object {\"reason\": \"...\"}");
    }
    java.util.Iterator<String> fields = node.fieldNames();
    while (fields.hasNext()) {
      String field = fields.next();
      if (!field.equals("reason")) {
        throw new InvalidRequestException("unknown field '" + field + "' in the body; expected {\"reason\": \"...\"}");
      }
    }
    JsonNode reason = node.get("reason");
    if (reason != null && !reason.isNull() && !reason.isTextual()) {
      throw new InvalidRequestException("field 'reason' must be a string");
    }
    return Optional.ofNullable(reason).filter(JsonNode::isTextual).map(JsonNode::asText);
  }

  @GET
  @RolesAllowed(Role.READER_ID)
  public JsonNode list() {
    return TriggerJson.array(triggers.triggers().stream().map(TriggerJson::trigger).toList());
  }

  @GET
  @Path("{name}")
  @RolesAllowed(Role.READER_ID)
  public JsonNode get(@PathParam("name") String name, @QueryParam("limit") @DefaultValue("20") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidRequestException("limit must be between 1 and 1000, got " + limit);
    }
    Trigger trigger = triggers.trigger(name);
    ObjectNode node = TriggerJson.trigger(trigger);
    var versions = node.putArray("versions");
    triggers.metadata().triggerVersions(triggers.project(), name).forEach(v -> versions.addObject()
        .put("version", v.version()).put("first_seen_at", v.firstSeenAt().toString()).set("definition", v.definition()));
    node.set("firings", TriggerJson.array(triggers.metadata().triggerFirings(triggers.project(), name, limit).stream()
        .map(TriggerJson::firing).toList()));
    // What the scheduler last saw: a metric's value or the error reading it, a new_data fingerprint.
    triggers.metadata().triggerState(triggers.project(), name).ifPresent(state -> node.set("watch", state));
    return node;
  }

  /**
   * Fires the trigger: 202 with the firing (outcome {@code started} and its run, {@code queued}),
   * or 409 when the trigger refuses because a run of it is in progress.
   */
  @POST
  @Path("{name}/fire")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Role.ADMIN_ID)
  public Response fire(@PathParam("name") String name, String body) {
    TriggerFiring firing = triggers.fire(name, reason(body));
    Response.Status status = firing.outcome() == FiringOutcome.REFUSED ? Response.Status.CONFLICT
        : Response.Status.ACCEPTED;
    ObjectNode answer = TriggerJson.firing(firing);
    if (status == Response.Status.CONFLICT) {
      answer.put("code", 409).put("message", firing.note().orElse("a run of the trigger is in progress"));
    }
    return Response.status(status).entity(answer).build();
  }
}
