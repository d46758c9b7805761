package dev.parity.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The declared defaults the client knows, per feature service or feature list, and the degraded
 * answers built from them. Fetched in the background after a successful lookup that may degrade
 * (when unknown, older than the refresh interval, or when the answer's columns no longer match
 * them: the definitions changed), so that the lookup itself never waits for them. Thread-safe.
 */
final class DefaultsCache {
  static final String OPERATION = "defaults";

  private record Entry(DeclaredDefaults defaults, Instant fetchedAt) {}

  private final ClientCore core;
  private final Clock clock;
  private final Duration refresh;
  private final Duration deadline;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Set<String> fetching = ConcurrentHashMap.newKeySet();

  /** @param given defaults given at build time, used until the server's replace them */
  DefaultsCache(ClientCore core, Clock clock, Duration refresh, Duration deadline, List<DeclaredDefaults> given) {
    this.core = core;
    this.clock = clock;
    this.refresh = refresh;
    this.deadline = deadline;
    for (DeclaredDefaults defaults : given) {
      // Instant.MIN: due for a refresh at the first successful lookup.
      entries.put(defaults.key(), new Entry(defaults, Instant.MIN));
    }
  }

  static String serviceKey(String service) {
    return "s" + service;
  }

  static String listKey(List<String> references) {
    return "f" + String.join("\n", references);
  }

  static String key(LookupSpec spec) {
    return spec.featureService() != null ? serviceKey(spec.featureService()) : listKey(spec.features());
  }

  /** The defaults known for {@code spec}'s features, or null. */
  DeclaredDefaults known(LookupSpec spec) {
    Entry entry = entries.get(key(spec));
    return entry == null ? null : entry.defaults();
  }

  /** After a successful lookup: fetches the defaults in the background if they are unknown, old or out of date. */
  void refreshIfDue(LookupSpec spec, OnlineFeatures answer) {
    String key = key(spec);
    Entry entry = entries.get(key);
    boolean due = entry == null || entry.fetchedAt().plus(refresh).isBefore(clock.instant())
        || !matches(entry.defaults(), spec, answer.featureNames());
    if (due && fetching.add(key)) {
      try {
        fetch(spec).whenComplete((defaults, failure) -> fetching.remove(key));
      } catch (RuntimeException closed) {
        fetching.remove(key);
      }
    }
  }

  /** Fetches the defaults of {@code spec}'s features now and keeps them. */
  CompletableFuture<DeclaredDefaults> fetch(LookupSpec spec) {
    String path = spec.featureService() != null
        ? "/feature-services/" + encode(spec.featureService()) + "/defaults"
        : "/feature-defaults?features=" + encode(String.join(",", spec.features()));
    long nanos = deadline.toNanos();
    CallSpec call = new CallSpec(OPERATION, "GET", path, null, true, nanos, nanos, 0);
    String key = key(spec);
    return core.call(call, DeclaredDefaults::parse).thenApply(defaults -> {
      entries.put(key, new Entry(defaults, clock.instant()));
      return defaults;
    });
  }

  /**
   * The answer to {@code spec} when the server could not be reached: the join keys as asked, each
   * feature its declared default or null, with status {@link FeatureStatus#UNAVAILABLE}.
   *
   * @return null when the client knows nothing of a feature service's features (it cannot even
   *     name the columns)
   */
  OnlineFeatures degraded(LookupSpec spec, int rows) {
    DeclaredDefaults defaults = known(spec);
    List<String> features = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    if (defaults != null) {
      features.addAll(columns(defaults, spec.fullFeatureNames()));
      defaults.features().forEach(feature -> values.add(feature.value()));
    } else if (spec.features() != null) {
      for (String reference : spec.features()) {
        int colon = reference.indexOf(':');
        features.add(spec.fullFeatureNames() ? reference.substring(0, colon) + "__" + reference.substring(colon + 1)
            : reference.substring(colon + 1));
        values.add(null);
      }
    } else {
      return null;
    }
    List<String> names = new ArrayList<>(spec.entities().keySet());
    names.addAll(features);
    FeatureNames featureNames = new FeatureNames(names);
    int keys = spec.entities().size();
    List<RowData> data = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      Object[] rowValues = new Object[names.size()];
      FeatureStatus[] statuses = new FeatureStatus[names.size()];
      int column = 0;
      for (List<Object> key : spec.entities().values()) {
        rowValues[column] = key.get(row);
        statuses[column++] = FeatureStatus.PRESENT;
      }
      for (int f = 0; f < features.size(); f++) {
        rowValues[keys + f] = values.get(f);
        statuses[keys + f] = FeatureStatus.UNAVAILABLE;
      }
      data.add(new RowData(featureNames, rowValues, statuses, new Instant[names.size()]));
    }
    return new OnlineFeatures(featureNames, data, clock.instant(), 0);
  }

  /** Whether {@code names} are the join keys asked for, then the features of {@code defaults}. */
  private static boolean matches(DeclaredDefaults defaults, LookupSpec spec, List<String> names) {
    List<String> features = columns(defaults, spec.fullFeatureNames());
    int keys = names.size() - features.size();
    return keys >= 0 && keys <= spec.entities().size() && names.subList(keys, names.size()).equals(features);
  }

  private static List<String> columns(DeclaredDefaults defaults, boolean fullNames) {
    return defaults.features().stream().map(f -> fullNames ? f.view() + "__" + f.name() : f.name()).toList();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
