package dev.parity.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A lookup as {@link LookupRequest} had it when it was sent: what a {@link LookupBackend} answers.
 * The columns are unmodifiable copies, their values checked ({@link LookupRequest} refuses values
 * it cannot send).
 *
 * @param featureService the feature service, or null when {@code features} are given
 * @param features the {@code view:feature} references, or null when a service is given
 * @param entities join key columns, one value per entity row
 * @param requestData request data columns, one value per entity row
 * @param fullFeatureNames whether the columns are named {@code view__feature}
 * @param deadline this lookup's deadline, or null for the client's
 * @param nearCache whether a near cache may answer it
 * @param degrade whether to answer with the declared defaults when the server cannot be reached
 *     ({@link LookupRequest#degradeToDefaults()}); backends without a server to miss ignore it
 */
public record LookupSpec(String featureService, List<String> features, Map<String, List<Object>> entities,
    Map<String, List<Object>> requestData, boolean fullFeatureNames, Duration deadline, boolean nearCache,
    boolean degrade) {
  public LookupSpec {
    if ((featureService == null) == (features == null)) {
      throw new IllegalArgumentException("a lookup names a feature service or a feature list, not both or neither");
    }
    requireNonNull(entities, "entities are null");
    requireNonNull(requestData, "requestData is null");
  }

  /** A lookup that does not degrade. */
  public LookupSpec(String featureService, List<String> features, Map<String, List<Object>> entities,
      Map<String, List<Object>> requestData, boolean fullFeatureNames, Duration deadline, boolean nearCache) {
    this(featureService, features, entities, requestData, fullFeatureNames, deadline, nearCache, false);
  }
}
