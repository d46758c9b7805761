package dev.parity.reports.consistency;

import dev.parity.online.FeatureValue;
import dev.parity.online.FeatureValue.Status;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks a sample of entities up online now, as served rows. On-demand features that read request
 * data are not compared (a sample has none); the others are asked for as a feature list.
 */
final class OnlineSample {
  private OnlineSample() {}

  /**
   * @param entities each entity's join key values by name
   * @throws ConsistencyInputException if an entity lacks a join key of the service, or no feature
   *     can be looked up without request data
   */
  static ServedRows lookup(OnlineFeatureServer server, ServedLayout layout, List<FeatureDependencies> features,
      List<Map<String, Object>> entities, long atMicros) {
    if (entities.isEmpty()) {
      throw new ConsistencyInputException("the sample has no entity");
    }
    List<Integer> asked = new ArrayList<>();
    for (int f = 0; f < features.size(); f++) {
      if (features.get(f).requestFields().isEmpty()) {
        asked.add(f);
      }
    }
    if (asked.isEmpty()) {
      throw new ConsistencyInputException("every feature of the service reads request data, which a sample of entities"
          + " does not have; compare the serving log instead");
    }
    Map<String, List<Object>> columns = new LinkedHashMap<>();
    for (String key : layout.keys().keySet()) {
      List<Object> values = new ArrayList<>(entities.size());
      for (Map<String, Object> entity : entities) {
        if (entity.get(key) == null) {
          throw new ConsistencyInputException("sample entity " + entity + " has no value for join key " + key);
        }
        values.add(entity.get(key));
      }
      columns.put(key, values);
    }
    OnlineFeaturesResponse response = server.get(new OnlineFeaturesRequest(Optional.empty(),
        asked.stream().map(f -> features.get(f).feature().ref().requestForm()).toList(), columns, Map.of(), true));
    List<ServedRow> rows = new ArrayList<>(entities.size());
    for (int r = 0; r < entities.size(); r++) {
      int row = r;
      Object[] keys = layout.keys().keySet().stream().map(k -> response.column(k).entry(row).value()).toArray();
      Object[] online = new Object[features.size()];
      Status[] status = new Status[features.size()];
      boolean[] versionDiffers = new boolean[features.size()];
      for (int f : asked) {
        FeatureValue value = response.column(features.get(f).feature().outputName(true)).entry(r);
        online[f] = value.value();
        status[f] = value.status();
        versionDiffers[f] = value.status() == Status.VERSION_MISMATCH;
      }
      rows.add(new ServedRow(keys, atMicros, new Object[layout.fields().size()], online, status, versionDiffers));
    }
    return layout.rows(rows);
  }
}
