package dev.parity.online.servinglog;

import static java.util.Objects.requireNonNull;

import dev.parity.online.KeyColumn;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a served request returned, column by column: the join keys (the leading columns of the
 * response) and then the features in response order. A feature service's schema is fixed per
 * service version, so servers build it once per service; equal schemas are logged to the same
 * file.
 *
 * @param service the feature service served, or empty for a feature list
 * @param serviceVersion the definition version of that service, or empty for a feature list
 * @param joinKeys the join key columns of the response, in order
 * @param features the feature columns of the response after the join keys, in order
 * @param requestFields the request data fields the request's on-demand features read, logged so
 *     that they can be recomputed offline (none for a request without on-demand features)
 */
public record ServedSchema(
    Optional<String> service, Optional<String> serviceVersion, List<KeyColumn> joinKeys, List<ServedFeature> features,
    List<ServedRequestField> requestFields) {

  /**
   * @throws IllegalArgumentException a version without a service, no features, a feature served
   *     twice, or a request field listed twice
   */
  public ServedSchema {
    requireNonNull(service, "service is null");
    requireNonNull(serviceVersion, "service version is null");
    joinKeys = List.copyOf(requireNonNull(joinKeys, "join keys are null"));
    features = List.copyOf(requireNonNull(features, "features are null"));
    requestFields = List.copyOf(requireNonNull(requestFields, "request fields are null"));
    if (serviceVersion.isPresent() && service.isEmpty()) {
      throw new IllegalArgumentException("a service version without a service: " + serviceVersion.get());
    }
    if (features.isEmpty()) {
      throw new IllegalArgumentException("a served schema needs at least one feature");
    }
    Set<String> seen = new HashSet<>();
    for (ServedFeature feature : features) {
      if (!seen.add(feature.fullName())) {
        throw new IllegalArgumentException("feature " + feature.view() + ":" + feature.feature() + " is listed twice");
      }
    }
    Set<String> fields = new HashSet<>();
    for (ServedRequestField field : requestFields) {
      if (!fields.add(field.name())) {
        throw new IllegalArgumentException("request field " + field.name() + " is listed twice");
      }
    }
  }

  /** A schema without request data fields. */
  public ServedSchema(
      Optional<String> service, Optional<String> serviceVersion, List<KeyColumn> joinKeys, List<ServedFeature> features) {
    this(service, serviceVersion, joinKeys, features, List.of());
  }

  /** This schema with {@code fields} as its request data fields. */
  public ServedSchema withRequestFields(List<ServedRequestField> fields) {
    return new ServedSchema(service, serviceVersion, joinKeys, features, fields);
  }

  /** The schema of feature service {@code name} at {@code version}. */
  public static ServedSchema ofService(String name, String version, List<KeyColumn> joinKeys,
      List<ServedFeature> features) {
    return new ServedSchema(Optional.of(requireNonNull(name, "service name is null")),
        Optional.of(requireNonNull(version, "version of service " + name + " is null")), joinKeys, features);
  }

  /** The schema of a request for a feature list. */
  public static ServedSchema ofFeatures(List<KeyColumn> joinKeys, List<ServedFeature> features) {
    return new ServedSchema(Optional.empty(), Optional.empty(), joinKeys, features);
  }

  /** Number of response columns: join keys then features. */
  public int columnCount() {
    return joinKeys.size() + features.size();
  }
}
