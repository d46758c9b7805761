package dev.parity.online.serving;

import static java.util.Objects.requireNonNull;

import dev.parity.online.OnlineRequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code get-online-features} request in the shape of Feast's feature server: either a feature
 * service name or a list of {@code view:feature} references; entity join key columns and request
 * data columns, each a list with one value per entity row (all of one length).
 *
 * <p>Values are what a JSON parser produces ({@code Integer}, {@code Long}, {@code Double}, {@code
 * String}, {@code Boolean}, {@code null}); the server coerces them to the declared types strictly
 * (see {@link OnlineFeatureServer#get}). Column lists may hold nulls, so they are copied into
 * unmodifiable lists rather than with {@code List.copyOf}. Column order is kept.
 *
 * @param featureService the feature service to serve, or empty when {@code features} is given
 * @param features {@code view:feature} references (feature views and on-demand views), or empty
 *     when a service is given
 * @param entities join key name to values; columns no requested view needs are ignored, as Feast does
 * @param requestData request data field name to values, for on-demand features
 * @param fullFeatureNames name result columns {@code view__feature} instead of {@code feature}
 */
public record OnlineFeaturesRequest(
    Optional<String> featureService,
    List<String> features,
    Map<String, List<Object>> entities,
    Map<String, List<Object>> requestData,
    boolean fullFeatureNames) {

  /**
   * @throws OnlineRequestException neither or both of a service and features are given, or a
   *     column or feature reference is null
   */
  public OnlineFeaturesRequest {
    requireNonNull(featureService, "featureService is null");
    requireNonNull(features, "features are null");
    // Immutable lists throw on contains(null): look with a stream.
    if (features.stream().anyMatch(Objects::isNull)) {
      throw new OnlineRequestException("the feature list contains null");
    }
    features = List.copyOf(features);
    if (featureService.isPresent() == !features.isEmpty()) {
      throw new OnlineRequestException(featureService.isPresent()
          ? "give either a feature service or a feature list, not both"
          : "give a feature service or a non-empty feature list");
    }
    entities = copyColumns(entities, "entity");
    requestData = copyColumns(requestData, "request data");
  }

  /** A request for every feature of {@code service} with these entity columns and no request data. */
  public static OnlineFeaturesRequest forService(String service, Map<String, List<Object>> entities) {
    return new OnlineFeaturesRequest(Optional.of(requireNonNull(service, "service is null")), List.of(), entities,
        Map.of(), false);
  }

  /** A request for {@code features} ({@code view:feature}) with these entity columns and no request data. */
  public static OnlineFeaturesRequest forFeatures(List<String> features, Map<String, List<Object>> entities) {
    return new OnlineFeaturesRequest(Optional.empty(), features, entities, Map.of(), false);
  }

  /** This request with {@code columns} as its request data. */
  public OnlineFeaturesRequest withRequestData(Map<String, List<Object>> columns) {
    return new OnlineFeaturesRequest(featureService, features, entities, columns, fullFeatureNames);
  }

  /** This request with result columns named {@code view__feature} ({@code true}) or {@code feature}. */
  public OnlineFeaturesRequest withFullFeatureNames(boolean full) {
    return new OnlineFeaturesRequest(featureService, features, entities, requestData, full);
  }

  private static Map<String, List<Object>> copyColumns(Map<String, List<Object>> columns, String what) {
    requireNonNull(columns, what + " columns are null");
    Map<String, List<Object>> copy = new LinkedHashMap<>();
    columns.forEach((name, values) -> {
      if (name == null) {
        throw new OnlineRequestException(what + " column without a name");
      }
      if (values == null) {
        throw new OnlineRequestException(what + " column '" + name + "' has no value list");
      }
      copy.put(name, Collections.unmodifiableList(new ArrayList<>(values)));
    });
    return Collections.unmodifiableMap(copy);
  }
}
