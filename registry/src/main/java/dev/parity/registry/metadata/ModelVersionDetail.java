package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model version with what the registry knows of it: artifact, every metric observation (oldest
 * first) and the aliases it holds.
 */
public record ModelVersionDetail(Recorded<ModelVersion> version, Optional<String> artifactUri,
    List<MetricObservation> observations, List<String> aliases) {
  public ModelVersionDetail {
    requireNonNull(version, "version is null");
    requireNonNull(artifactUri, "artifactUri is null");
    observations = List.copyOf(requireNonNull(observations, "observations is null"));
    aliases = List.copyOf(requireNonNull(aliases, "aliases is null"));
  }

  /** The latest observed value of each metric: what gates compare. */
  public Map<String, Double> latestMetrics() {
    Map<String, Double> latest = new java.util.TreeMap<>();
    observations.forEach(o -> latest.put(o.metric(), o.value()));
    return latest;
  }
}
