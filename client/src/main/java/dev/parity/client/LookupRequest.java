package dev.parity.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A lookup being put together: the entity rows by column (join keys, as the server takes them),
 * request data for on-demand features, then {@link #get()} or {@link #getAsync()}:
 *
 * <pre>{@code
 * OnlineFeatures features = client.features("driver_ranking_v1")
 *     .entity("driver_id", 1001).request("val_to_add", 1).get();
 * double conv = features.row(0).getDouble("conv_rate");
 *
 * client.features("driver_ranking_v1")
 *     .entities("driver_id", List.of(1001, 1002)).requestData("val_to_add", List.of(1, 2))
 *     .getAsync().thenAccept(answer -> ...);
 * }</pre>
 *
 * <p>Values may be numbers, strings, booleans, null or times ({@link java.time.Instant}, sent as
 * ISO-8601); anything else is refused at once with {@link BadRequestException}. Every column must
 * have one value per entity row. Not thread-safe (build it on one thread); each {@code get} sends
 * the request as it is then, so a request may be sent again.
 */
public final class LookupRequest {
  private final LookupBackend backend;
  private final String featureService;
  private final List<String> features;
  private final Map<String, List<Object>> entities = new LinkedHashMap<>();
  private final Map<String, List<Object>> requestData = new LinkedHashMap<>();
  private boolean fullFeatureNames;
  private Duration deadline;
  private boolean nearCache = true;
  private boolean degrade;

  private LookupRequest(LookupBackend backend, String featureService, List<String> features) {
    this.backend = backend;
    this.featureService = featureService;
    this.features = features;
  }

  /**
   * A lookup of every feature of {@code featureService}, answered by {@code backend}: what {@link
   * FeatureClient#features} implementations return.
   *
   * @throws BadRequestException if the name is a {@code view:feature} reference (use {@link #forFeatures})
   */
  public static LookupRequest forService(LookupBackend backend, String featureService) {
    requireNonNull(backend, "backend is null");
    requireNonNull(featureService, "featureService is null");
    if (featureService.isBlank() || featureService.indexOf(':') >= 0) {
      throw new BadRequestException("'" + featureService + "' is not a feature service name; look features up by "
          + "reference with featureList(\"view:feature\", ...)", 0, null);
    }
    return new LookupRequest(backend, featureService, null);
  }

  /**
   * A lookup of the features {@code references} name, each {@code view:feature}, answered by
   * {@code backend}: what {@link FeatureClient#featureList} implementations return.
   *
   * @throws BadRequestException if the list is empty or a reference is not {@code view:feature}
   */
  public static LookupRequest forFeatures(LookupBackend backend, List<String> references) {
    requireNonNull(backend, "backend is null");
    requireNonNull(references, "references are null");
    if (references.isEmpty()) {
      throw new BadRequestException("the feature list is empty: name at least one view:feature", 0, null);
    }
    for (String reference : references) {
      int colon = reference == null ? -1 : reference.indexOf(':');
      if (colon <= 0 || colon == reference.length() - 1) {
        throw new BadRequestException("feature reference '" + reference + "' is not written view:feature", 0, null);
      }
    }
    return new LookupRequest(backend, null, List.copyOf(references));
  }

  /** One entity row's value of join key {@code name}. */
  public LookupRequest entity(String name, Object value) {
    return entities(name, Collections.singletonList(value));
  }

  /** The values of join key {@code name}, one per entity row. */
  public LookupRequest entities(String name, List<?> values) {
    entities.put(requireNonNull(name, "name is null"), checked(name, values));
    return this;
  }

  /** One entity row's value of request data field {@code name}. */
  public LookupRequest request(String name, Object value) {
    return requestData(name, Collections.singletonList(value));
  }

  /** The values of request data field {@code name}, one per entity row. */
  public LookupRequest requestData(String name, List<?> values) {
    requestData.put(requireNonNull(name, "name is null"), checked(name, values));
    return this;
  }

  /** Names the answer's columns {@code view__feature} instead of {@code feature}. */
  public LookupRequest fullFeatureNames() {
    this.fullFeatureNames = true;
    return this;
  }

  /** This lookup's deadline instead of the client's. */
  public LookupRequest deadline(Duration deadline) {
    requireNonNull(deadline, "deadline is null");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("the deadline must be positive, got " + deadline);
    }
    this.deadline = deadline;
    return this;
  }

  /** Asks the server even when the near cache has fresh rows (and does not store the answer). */
  public LookupRequest skipNearCache() {
    this.nearCache = false;
    return this;
  }

  /**
   * When the server cannot be reached (unavailable, circuit open, deadline passed), answers with
   * the features' declared defaults instead of failing: each feature has status {@link
   * FeatureStatus#UNAVAILABLE} and its default ({@link FeatureValue#isClientDefault}), or no value
   * when it declares none. Other failures (bad request, unauthorized, not found...) are still
   * thrown. What {@link ParityClientBuilder#degradeToDefaults} turns on for every lookup.
   */
  public LookupRequest degradeToDefaults() {
    this.degrade = true;
    return this;
  }

  /**
   * Looks up and waits for the answer, at most until the deadline.
   *
   * @throws ParityClientException the subclass of the failure: {@link BadRequestException},
   *     {@link NotFoundException} (unknown service, view or feature), {@link UnavailableException},
   *     {@link DeadlineExceededException}...
   */
  public OnlineFeatures get() {
    return backend.get(snapshot());
  }

  /**
   * Looks up without blocking. The future completes on the client's executor, with the answer or
   * with the {@link ParityClientException} {@link #get()} would throw; cancelling it cancels the
   * lookup.
   */
  public CompletableFuture<OnlineFeatures> getAsync() {
    return backend.getAsync(snapshot());
  }

  private LookupSpec snapshot() {
    return new LookupSpec(featureService, features, copy(entities), copy(requestData), fullFeatureNames, deadline,
        nearCache, degrade);
  }

  private static Map<String, List<Object>> copy(Map<String, List<Object>> columns) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  private static List<Object> checked(String name, List<?> values) {
    requireNonNull(values, "values are null");
    List<Object> checked = new ArrayList<>(values.size());
    for (Object value : values) {
      checked.add(JsonValues.checked(name, value));
    }
    return Collections.unmodifiableList(checked);
  }
}
