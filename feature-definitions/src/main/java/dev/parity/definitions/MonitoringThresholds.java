package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Which skew thresholds apply to a feature. Each statistic separately takes the first threshold
 * set among: the service's entry for the feature, the view's entry for the feature, the service's
 * block, the view's block, the defaults ({@link Thresholds#defaults()}). Settings for one feature
 * thus beat blanket ones, and a service (the model's context) beats the view it reads. On-demand
 * views have no block of their own. Stateless and thread-safe.
 */
public final class MonitoringThresholds {
  private MonitoringThresholds() {}

  /**
   * @param service the feature service the feature is judged in, or empty (a feature list)
   * @throws IllegalArgumentException if the service or the feature's view is unknown
   */
  public static Thresholds of(FeatureRepository repository, Optional<String> service, FeatureRef feature) {
    requireNonNull(repository, "repository is null");
    requireNonNull(service, "service is null");
    requireNonNull(feature, "feature is null");
    Monitoring serviceBlock = service
        .map(name -> repository.featureService(name)
            .orElseThrow(() -> new IllegalArgumentException("unknown feature service '" + name + "'")).monitoring())
        .orElse(Monitoring.none());
    Monitoring viewBlock;
    if (repository.featureView(feature.view()).isPresent()) {
      viewBlock = repository.featureView(feature.view()).get().monitoring();
    } else if (repository.onDemandFeatureView(feature.view()).isPresent()) {
      viewBlock = Monitoring.none();
    } else {
      throw new IllegalArgumentException("unknown feature view '" + feature.view() + "'");
    }
    return serviceBlock.feature(feature.requestForm())
        .orElse(viewBlock.feature(feature.feature()))
        .orElse(serviceBlock.thresholds())
        .orElse(viewBlock.thresholds())
        .orElse(Thresholds.defaults());
  }
}
