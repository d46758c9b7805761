package dev.parity.server.triggers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.registry.metadata.TrainingSetInputs;
import dev.parity.registry.metadata.TriggerRun;
import dev.parity.server.core.TrainingSetSummary;
import java.time.Instant;

/**
 * The JSON a hook receives (schema: docs/triggers-payload.schema.json): which run and trigger,
 * why, the training set (id, path, rows, {@code as_of_created}, registry revision), the service and
 * view versions it was built from, per-feature statistics, the lineage as recorded (source files
 * included), and where to report the model back.
 */
final class RunPayload {
  /** The payload's schema id; a receiver checks it before reading the rest. */
  static final String SCHEMA = "https://parity.dev/schemas/trigger-run-1.json";
  // Immutable after construction: converts statistics records to trees only.
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunPayload() {}

  static ObjectNode of(String project, Trigger trigger, TriggerRun run, Instant asOfCreated,
      TrainingSetSummary summary, TrainingSetInputs inputs) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("$schema", SCHEMA);
    payload.put("run_id", run.id());
    payload.put("idempotency_key", idempotencyKey(run.id()));
    payload.put("project", project);
    payload.putObject("trigger").put("name", trigger.name()).put("kind", trigger.kind())
        .put("version", trigger.version());
    payload.put("reason", run.reason());
    payload.put("started_at", run.startedAt().toString());
    var built = summary.built();
    payload.putObject("training_set").put("id", summary.id()).put("path", built.output().toString())
        .put("rows", built.rows()).put("as_of_created", asOfCreated.toString())
        .put("registry_revision", summary.registryRevision()).put("entity_fingerprint", built.entityFingerprint());
    ObjectNode service = payload.putObject("service").put("name", trigger.service());
    service.put("version", built.serviceVersion().orElse(null));
    ObjectNode views = payload.putObject("views");
    built.viewVersions().forEach(views::put);
    payload.set("statistics", JSON.valueToTree(built.statistics()));
    payload.set("lineage", lineage(trigger, summary, inputs));
    payload.putObject("report_back").put("method", "POST").put("path", "/models/{name}/versions")
        .put("training_set_id", summary.id());
    return payload;
  }

  /**
   * What the set was built from, as the metadata store recorded it (the model's lineage once it is
   * reported back): the set, the service and view versions, the entity table's event range and each
   * source's files (path, size, modification time) when the set was built.
   */
  private static ObjectNode lineage(Trigger trigger, TrainingSetSummary summary, TrainingSetInputs inputs) {
    var built = summary.built();
    ObjectNode lineage = JsonNodeFactory.instance.objectNode();
    lineage.putObject("training_set").put("id", summary.id()).put("path", built.output().toString());
    lineage.putObject("service").put("name", trigger.service()).put("version", built.serviceVersion().orElse(null));
    ObjectNode views = lineage.putObject("views");
    built.viewVersions().forEach(views::put);
    lineage.put("events_from", inputs.eventsFrom().map(Instant::toString).orElse(null));
    lineage.put("events_to", inputs.eventsTo().map(Instant::toString).orElse(null));
    var files = lineage.putArray("source_files");
    for (TrainingSetInputs.SourceFile file : inputs.sourceFiles()) {
      files.addObject().put("source", file.source()).put("path", file.path()).put("size_bytes", file.sizeBytes())
          .put("modified_at", file.modifiedAt().toString());
    }
    return lineage;
  }

  /** The same for every delivery of a run's payload: how a receiver recognises a retry. */
  static String idempotencyKey(long runId) {
    return "parity-run-" + runId;
  }
}
