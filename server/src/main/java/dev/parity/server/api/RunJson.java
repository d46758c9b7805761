package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.registry.metadata.RunSummary;
import java.util.Locale;

/** A materialization or trigger run as {@code GET /runs} lists it; times ISO-8601 UTC. */
public record RunJson(
    @JsonProperty("kind") String kind,
    @JsonProperty("id") long id,
    @JsonProperty("subject") String subject,
    @JsonProperty("status") String status,
    @JsonProperty("started_at") String startedAt,
    @JsonProperty("finished_at") String finishedAt,
    @JsonProperty("error") String error,
    @JsonProperty("trigger_run") @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) com.fasterxml.jackson.databind.JsonNode triggerRun) {

  public static RunJson of(RunSummary run) {
    return new RunJson(run.kind().name().toLowerCase(Locale.ROOT), run.id(), run.subject(),
        run.status().name().toLowerCase(Locale.ROOT), run.startedAt().toString(),
        run.finishedAt().map(Object::toString).orElse(null), run.error().orElse(null), null);
  }

  /** This run with a trigger run's reason, steps, durations, hook record and links. */
  public RunJson withTriggerRun(com.fasterxml.jackson.databind.JsonNode detail) {
    return new RunJson(kind, id, subject, status, startedAt, finishedAt, error, detail);
  }
}
