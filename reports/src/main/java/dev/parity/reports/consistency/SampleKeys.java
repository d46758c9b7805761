package dev.parity.reports.consistency;

import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.LatestValuesRequest;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;
import dev.parity.offline.features.OfflineViews;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Draws a sample of whole entities from the offline data by a stable hash: every entity with a
 * row at or before {@code at} in the source of a view holding all the service's join keys is
 * hashed (SHA-256 of its join key names, types and values), and the {@code n} with the least
 * hashes are kept. The same data gives the same sample on every run, and a grown data set keeps
 * the entities of the earlier sample that still rank first: repeated reports watch the same keys.
 */
final class SampleKeys {
  private SampleKeys() {}

  /**
   * @throws ConsistencyInputException if no feature view of the service holds all its join keys
   */
  static List<Map<String, Object>> draw(OfflineEngine engine, FeatureRepository repository, ServedLayout layout,
      List<String> views, int n, Instant at) {
    OfflineView view = null;
    for (String name : views) {
      OfflineView candidate = OfflineViews.from(repository, repository.featureView(name).orElseThrow());
      if (candidate.joinKeys().stream().map(ColumnSpec::name).toList().containsAll(layout.keys().keySet())) {
        view = candidate;
        break;
      }
    }
    if (view == null) {
      throw new ConsistencyInputException("no feature view of the service holds all its join keys "
          + layout.keys().keySet() + "; give the sample's entities");
    }
    List<String> keys = List.copyOf(layout.keys().keySet());
    // Least hashes first; unsigned, so that the order is that of the digest's bytes.
    TreeMap<Long, Map<String, Object>> least = new TreeMap<>(Long::compareUnsigned);
    engine.latestValues(new LatestValuesRequest(view, at, Optional.empty(), Optional.empty()), batch -> {
      for (int r = 0; r < batch.getRowCount(); r++) {
        Map<String, Object> entity = new LinkedHashMap<>();
        for (String key : keys) {
          entity.put(key, ArrowValues.get(batch.getVector(key), r));
        }
        long hash = hash(entity);
        if (least.size() < n || Long.compareUnsigned(hash, least.lastKey()) < 0) {
          least.put(hash, entity);
          if (least.size() > n) {
            least.pollLastEntry();
          }
        }
      }
    }, Progress.NONE);
    return new ArrayList<>(least.values());
  }

  /** The first 8 bytes of the SHA-256 of the entity's {@code name=type:value} parts. */
  static long hash(Map<String, Object> entity) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      entity.forEach((name, value) -> digest.update((name + "=" + (value == null ? "null"
          : value.getClass().getSimpleName() + ":" + value) + "\u0000").getBytes(StandardCharsets.UTF_8)));
      byte[] bytes = digest.digest();
      long hash = 0;
      for (int i = 0; i < 8; i++) {
        hash = (hash << 8) | (bytes[i] & 0xff);
      }
      return hash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
