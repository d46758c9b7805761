package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code monitoring:} block of a feature view or feature service: thresholds of the skew
 * statistics for all of its features, and for some features apart.
 *
 * <p>Monitoring is configuration of the reports, not of the values: it is left out of the
 * object's canonical form, so changing a threshold changes no version (no re-materialization, no
 * new training-set lineage) and {@code plan} shows no change for it. See {@link
 * MonitoringThresholds} for which threshold applies to a feature.
 *
 * @param thresholds for every feature of the object
 * @param features thresholds of single features: by feature name in a feature view, by {@code
 *     view:feature} reference in a feature service
 */
public record Monitoring(Thresholds thresholds, Map<String, Thresholds> features) {
  private static final Monitoring NONE = new Monitoring(Thresholds.none(), Map.of());

  public Monitoring {
    requireNonNull(thresholds, "thresholds is null");
    requireNonNull(features, "features is null");
    Map<String, Thresholds> copy = new LinkedHashMap<>();
    features.forEach((feature, t) -> copy.put(requireNonNull(feature, "feature is null"),
        requireNonNull(t, "thresholds of " + feature + " are null")));
    features = Collections.unmodifiableMap(copy);
  }

  /** No block: every threshold comes from elsewhere. */
  public static Monitoring none() {
    return NONE;
  }

  public boolean isEmpty() {
    return thresholds.isEmpty() && features.isEmpty();
  }

  /** The thresholds set for {@code feature} alone (empty if none). */
  public Thresholds feature(String feature) {
    return features.getOrDefault(feature, Thresholds.none());
  }
}
