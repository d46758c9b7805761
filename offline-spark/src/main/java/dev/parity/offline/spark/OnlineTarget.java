package dev.parity.offline.spark;

import dev.parity.definitions.DataType;
import dev.parity.online.FeatureColumn;
import dev.parity.online.KeyColumn;
import dev.parity.online.NearCacheSettings;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.OnlineView;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the executors write one view, in a serializable form (the online module's descriptors
 * are not): the Redis connection, the store settings and the view's online descriptor, rebuilt
 * in each task so that the executors write through the online module's own store.
 */
record OnlineTarget(List<String> nodes, boolean cluster, Duration connectTimeout, Duration socketTimeout,
    int poolSize, Duration poolWait, String project, Duration expiryGrace, int writeBatchSize, String view,
    String version, Duration ttl, List<String> keyNames, List<DataType> keyTypes, List<String> featureNames,
    List<DataType> featureTypes) implements Serializable {
  private static final long serialVersionUID = 1L;

  OnlineTarget {
    nodes = List.copyOf(nodes);
    keyNames = List.copyOf(keyNames);
    keyTypes = List.copyOf(keyTypes);
    featureNames = List.copyOf(featureNames);
    featureTypes = List.copyOf(featureTypes);
  }

  static OnlineTarget of(RedisConnectionConfig redis, OnlineStoreSettings settings, OnlineView view) {
    return new OnlineTarget(redis.nodes(), redis.cluster(), redis.connectTimeout(), redis.socketTimeout(),
        redis.poolSize(), redis.poolWait(), settings.project(), settings.expiryGrace(), settings.writeBatchSize(),
        view.name(), view.version(), view.ttl(), view.joinKeys().stream().map(KeyColumn::name).toList(),
        view.joinKeys().stream().map(KeyColumn::type).toList(),
        view.features().stream().map(FeatureColumn::name).toList(),
        view.features().stream().map(FeatureColumn::type).toList());
  }

  OnlineView onlineView() {
    List<KeyColumn> keys = new ArrayList<>();
    for (int k = 0; k < keyNames.size(); k++) {
      keys.add(new KeyColumn(keyNames.get(k), keyTypes.get(k)));
    }
    List<FeatureColumn> features = new ArrayList<>();
    for (int f = 0; f < featureNames.size(); f++) {
      features.add(new FeatureColumn(featureNames.get(f), featureTypes.get(f)));
    }
    return new OnlineView(view, version, ttl, keys, features);
  }

  /** A store of its own for one task: writes only, so without a near cache. */
  OnlineStore open() {
    return RedisOnlineStoreFactory.create(
        new RedisConnectionConfig(nodes, cluster, connectTimeout, socketTimeout, poolSize, poolWait),
        new OnlineStoreSettings(project, expiryGrace, writeBatchSize, NearCacheSettings.disabled()));
  }
}
