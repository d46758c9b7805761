package dev.parity.server.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.DefinitionRef;
import dev.parity.registry.metadata.Lineage;
import dev.parity.registry.metadata.ModelVersionDetail;
import dev.parity.registry.metadata.TrainingSet;
import dev.parity.registry.metadata.TrainingSetInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /models/{name}/versions/{v}/lineage} and {@code parity lineage --model NAME:VERSION}:
 * the chain from a model version down to the data, as recorded when its training set was built
 * (so later definition changes do not alter it): the model, its training set, the feature service
 * and views at the versions used, what they depend on (sources, entities) as registered then, and
 * the files each source's path named.
 */
public record LineageJson(ModelPart model, @JsonProperty("training_set") TrainingSetPart trainingSet,
    @JsonProperty("trigger_run") Optional<TriggerRunPart> triggerRun,
    Optional<Definition> service, List<Definition> views, List<Definition> dependencies, List<SourcePart> sources) {

  // Reads the registry's canonical JSON of sources only; immutable after construction.
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The model version. */
  public record ModelPart(String name, String version, @JsonProperty("registered_at") String registeredAt,
      @JsonProperty("artifact_uri") Optional<String> artifactUri, List<String> aliases) {}

  /** The training set and the data it saw. */
  public record TrainingSetPart(long id, @JsonProperty("created_at") String createdAt,
      @JsonProperty("output_path") String outputPath, @JsonProperty("as_of_created") Optional<String> asOfCreated,
      @JsonProperty("events_from") Optional<String> eventsFrom, @JsonProperty("events_to") Optional<String> eventsTo,
      long rows, @JsonProperty("entity_table_fingerprint") String entityTableFingerprint,
      @JsonProperty("registry_revision") long registryRevision) {}

  /**
   * The trigger run that built the training set, when one did: which trigger (and declaration
   * version) fired, why, and the firing.
   */
  public record TriggerRunPart(long id, String trigger, @JsonProperty("trigger_kind") String triggerKind,
      @JsonProperty("trigger_version") Optional<String> triggerVersion, String reason, String status,
      @JsonProperty("started_at") String startedAt, @JsonProperty("firing_id") Optional<Long> firingId,
      @JsonProperty("fired_at") Optional<String> firedAt, @JsonProperty("firing_key") Optional<String> firingKey) {}

  /** One definition at the version used, with what it depends on ({@code kind:name}). */
  public record Definition(String kind, String name, String version, @JsonProperty("depends_on") List<String> dependsOn) {
    static Definition of(DefinitionRecord record) {
      return new Definition(record.kind().id(), record.name(), record.version(),
          record.dependsOn().stream().map(DefinitionRef::toString).toList());
    }
  }

  /** A source as registered for the training set, and the files its path named at build time. */
  public record SourcePart(String name, String version, String path, List<FilePart> files) {}

  /** One source file. */
  public record FilePart(String path, @JsonProperty("size_bytes") long sizeBytes,
      @JsonProperty("modified_at") String modifiedAt) {}

  static LineageJson of(ModelVersionDetail detail, Lineage lineage, TrainingSetInputs inputs,
      Optional<TriggerRunPart> triggerRun) {
    TrainingSet set = lineage.trainingSet().value();
    ModelPart model = new ModelPart(detail.version().value().name(), detail.version().value().version(),
        detail.version().recordedAt().toString(), detail.artifactUri(), detail.aliases());
    TrainingSetPart training = new TrainingSetPart(lineage.trainingSet().id(),
        lineage.trainingSet().recordedAt().toString(), set.outputPath(), set.asOfCreated().map(Instant::toString),
        inputs.eventsFrom().map(Instant::toString), inputs.eventsTo().map(Instant::toString), set.rowCount(),
        set.entityTableFingerprint(), set.registryRevision());
    List<SourcePart> sources = new ArrayList<>();
    for (DefinitionRecord dependency : lineage.dependencies()) {
      if (dependency.kind() == DefinitionKind.SOURCE) {
        List<FilePart> files = inputs.sourceFiles().stream().filter(f -> f.source().equals(dependency.name()))
            .map(f -> new FilePart(f.path(), f.sizeBytes(), f.modifiedAt().toString())).toList();
        sources.add(new SourcePart(dependency.name(), dependency.version(), path(dependency), files));
      }
    }
    return new LineageJson(model, training, triggerRun, lineage.service().map(Definition::of),
        lineage.views().stream().map(Definition::of).toList(),
        lineage.dependencies().stream().map(Definition::of).toList(), sources);
  }

  private static String path(DefinitionRecord source) {
    try {
      JsonNode form = JSON.readTree(source.canonicalJson());
      return form.path("path").asText("");
    } catch (IOException e) {
      throw new UncheckedIOException("canonical JSON of source " + source.name() + " does not parse", e);
    }
  }
}
