package dev.parity.offline;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the offline engine needs to know about one feature view: its join keys, its source, the
 * age limit of point-in-time values and its features and aggregations.
 *
 * @param name view name; output columns are {@code name__feature}
 * @param joinKeys the entity's join keys, matched by name in the entity table and the source
 * @param source where rows come from
 * @param ttl rows older than {@code T - ttl} are ignored by point-in-time features; {@link
 *     Duration#ZERO} means no limit
 * @param features point-in-time features
 * @param aggregations windowed aggregations
 */
public record OfflineView(
    String name,
    List<ColumnSpec> joinKeys,
    OfflineSource source,
    Duration ttl,
    List<OfflineFeature> features,
    List<OfflineAggregation> aggregations) {
  public OfflineView {
    requireNonNull(name, "name is null");
    requireNonNull(source, "source is null");
    requireNonNull(ttl, "ttl is null");
    joinKeys = List.copyOf(joinKeys);
    features = List.copyOf(features);
    aggregations = List.copyOf(aggregations);
    if (joinKeys.isEmpty()) {
      throw new IllegalArgumentException("view " + name + " has no join keys");
    }
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("view " + name + " has a negative ttl");
    }
    if (features.isEmpty() && aggregations.isEmpty()) {
      throw new IllegalArgumentException("view " + name + " has no features");
    }
    Set<String> names = new HashSet<>();
    for (OfflineFeature f : features) {
      requireUnique(name, names, f.name());
    }
    for (OfflineAggregation a : aggregations) {
      requireUnique(name, names, a.name());
    }
  }

  private static void requireUnique(String name, Set<String> names, String feature) {
    if (!names.add(feature)) {
      throw new IllegalArgumentException("view " + name + " has two features named " + feature);
    }
  }
}
