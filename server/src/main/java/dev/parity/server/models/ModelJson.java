package dev.parity.server.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.definitions.ModelGate;
import dev.parity.definitions.ModelPolicy;
import dev.parity.registry.VersionedRef;
import dev.parity.registry.metadata.MetricObservation;
import dev.parity.registry.metadata.ModelVersionDetail;
import dev.parity.registry.metadata.TrainingSet;
import dev.parity.registry.metadata.TrainingSetInputs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /models/{name}}: versions, aliases, decisions and the gates that apply. */
public record ModelJson(String name, List<Version> versions, Map<String, String> aliases,
    List<DecisionJson> decisions, List<String> gates, @JsonProperty("protected_aliases") List<String> protectedAliases) {

  ModelJson(String name, List<Version> versions, Map<String, String> aliases, List<DecisionJson> decisions,
      ModelPolicy policy) {
    this(name, versions, aliases, decisions, policy.gates().stream().map(ModelGate::toString).toList(),
        policy.protectedAliases());
  }

  /**
   * One version with its training set: what the comparison puts side by side.
   *
   * @param differingDefinitions the definitions of its training set ({@code feature_service NAME},
   *     {@code feature_view NAME}...) whose version is not the same in every version listed with it
   */
  public record Version(String version, @JsonProperty("registered_at") String registeredAt,
      @JsonProperty("artifact_uri") Optional<String> artifactUri, List<String> aliases,
      Map<String, Double> metrics, List<Observation> observations, @JsonProperty("training_set") TrainingSetJson trainingSet,
      @JsonProperty("differing_definitions") List<String> differingDefinitions) {

    static Version of(ModelVersionDetail d, Optional<TrainingSet> set, TrainingSetInputs inputs) {
      return new Version(d.version().value().version(), d.version().recordedAt().toString(), d.artifactUri(), d.aliases(),
          d.latestMetrics(), d.observations().stream().map(Observation::of).toList(),
          TrainingSetJson.of(d.version().value().trainingSetId(), set, inputs), List.of());
    }

    Version withDifferences(List<String> differing) {
      return new Version(version, registeredAt, artifactUri, aliases, metrics, observations, trainingSet,
          List.copyOf(differing));
    }
  }

  /** One metric observation. */
  public record Observation(String metric, double value, @JsonProperty("observed_at") String observedAt) {
    static Observation of(MetricObservation o) {
      return new Observation(o.metric(), o.value(), o.observedAt().toString());
    }
  }

  /**
   * The training set a version used: the service and view versions it was built from, and the data
   * it saw (rows, and the {@code as_of_created} cut-off when one was given).
   */
  public record TrainingSetJson(long id, Optional<String> service,
      @JsonProperty("service_version") Optional<String> serviceVersion, Map<String, String> views,
      @JsonProperty("registry_revision") Optional<Long> registryRevision,
      @JsonProperty("as_of_created") Optional<String> asOfCreated,
      @JsonProperty("events_from") Optional<String> eventsFrom, @JsonProperty("events_to") Optional<String> eventsTo,
      Optional<Long> rows, @JsonProperty("output_path") Optional<String> outputPath) {

    static TrainingSetJson of(long id, Optional<TrainingSet> set, TrainingSetInputs inputs) {
      if (set.isEmpty()) {
        return new TrainingSetJson(id, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
      }
      TrainingSet s = set.get();
      Map<String, String> views = new java.util.TreeMap<>();
      s.views().forEach(v -> views.put(v.name(), v.version()));
      return new TrainingSetJson(id, s.service().map(VersionedRef::name), s.service().map(VersionedRef::version),
          views, Optional.of(s.registryRevision()), s.asOfCreated().map(Instant::toString),
          inputs.eventsFrom().map(Instant::toString), inputs.eventsTo().map(Instant::toString),
          Optional.of(s.rowCount()), Optional.of(s.outputPath()));
    }
  }
}
