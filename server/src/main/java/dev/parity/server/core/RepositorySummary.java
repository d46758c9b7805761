package dev.parity.server.core;

import dev.parity.definitions.FeatureRepository;

/** How many objects of each kind a valid feature repository defines. */
public record RepositorySummary(int entities, int sources, int featureViews, int onDemandFeatureViews,
    int featureServices) {
  public RepositorySummary {
    if (entities < 0 || sources < 0 || featureViews < 0 || onDemandFeatureViews < 0 || featureServices < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** The counts of {@code repository}. */
  public static RepositorySummary of(FeatureRepository repository) {
    return new RepositorySummary(repository.entities().size(), repository.sources().size(),
        repository.featureViews().size(), repository.onDemandFeatureViews().size(),
        repository.featureServices().size());
  }

  /** {@code OK: 2 entities, 3 sources, 3 feature views, 1 on-demand view, 2 feature services}. */
  public String render() {
    return "OK: " + count(entities, "entity", "entities") + ", " + count(sources, "source", "sources") + ", "
        + count(featureViews, "feature view", "feature views") + ", "
        + count(onDemandFeatureViews, "on-demand view", "on-demand views") + ", "
        + count(featureServices, "feature service", "feature services");
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
