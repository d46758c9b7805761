package dev.parity.server.triggers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.registry.metadata.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The steps of one run as they happen, recorded after each change so a run listed while in
 * progress shows how far it got: {@code name, status (running, succeeded, failed), started_at,
 * finished_at, duration_ms, detail}. One per run, used by one thread.
 */
final class RunSteps {
  private final MetadataStore metadata;
  private final long runId;
  private final Clock clock;
  private final ArrayNode steps = JsonNodeFactory.instance.arrayNode();
  private ObjectNode current;
  private Instant started;

  RunSteps(MetadataStore metadata, long runId, Clock clock) {
    this.metadata = metadata;
    this.runId = runId;
    this.clock = clock;
  }

  void start(String name) {
    started = clock.instant();
    current = steps.addObject().put("name", name).put("status", "running").put("started_at", started.toString());
    metadata.recordTriggerSteps(runId, steps);
  }

  void succeed(String detail) {
    finish("succeeded", detail);
  }

  void fail(String detail) {
    finish("failed", detail);
  }

  /** Whether a step is running (then a failure belongs to it). */
  boolean inStep() {
    return current != null;
  }

  private void finish(String status, String detail) {
    Instant now = clock.instant();
    current.put("status", status).put("finished_at", now.toString())
        .put("duration_ms", Duration.between(started, now).toMillis()).put("detail", detail);
    current = null;
    metadata.recordTriggerSteps(runId, steps);
  }
}
