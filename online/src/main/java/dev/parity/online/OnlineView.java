package dev.parity.online;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the online store needs to know about a feature view: its name, the version of its
 * definition, its time to live, its join keys (in key order) and its features (in storage order).
 * Built from the definition model's feature view; equal descriptors address the same stored
 * values.
 *
 * @param ttl maximum age of a served value at read time; {@link Duration#ZERO} means no limit
 */
public record OnlineView(
    String name, String version, Duration ttl, List<KeyColumn> joinKeys, List<FeatureColumn> features) {

  public OnlineView {
    requireNonNull(name, "view name is null");
    requireNonNull(version, "version of view " + name + " is null");
    requireNonNull(ttl, "ttl of view " + name + " is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("view name is blank");
    }
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl of view " + name + " is negative: " + ttl);
    }
    joinKeys = List.copyOf(requireNonNull(joinKeys, "join keys of view " + name + " are null"));
    features = List.copyOf(requireNonNull(features, "features of view " + name + " are null"));
    if (joinKeys.isEmpty()) {
      throw new IllegalArgumentException("view " + name + " has no join keys");
    }
    if (features.isEmpty()) {
      throw new IllegalArgumentException("view " + name + " has no features");
    }
    Set<String> seen = new HashSet<>();
    for (KeyColumn key : joinKeys) {
      if (!seen.add(key.name())) {
        throw new IllegalArgumentException("view " + name + " repeats join key " + key.name());
      }
    }
    seen.clear();
    for (FeatureColumn feature : features) {
      if (!seen.add(feature.name())) {
        throw new IllegalArgumentException("view " + name + " repeats feature " + feature.name());
      }
    }
  }

  /** Position of {@code feature} in {@link #features()}, or -1. */
  public int featureIndex(String feature) {
    for (int i = 0; i < features.size(); i++) {
      if (features.get(i).name().equals(feature)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether values of this view expire by age. */
  public boolean hasTtl() {
    return !ttl.isZero();
  }
}
