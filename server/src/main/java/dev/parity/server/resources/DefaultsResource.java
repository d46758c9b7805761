package dev.parity.server.resources;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.annotation.Timed;
import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.selection.ResolvedSelection;
import dev.parity.definitions.selection.SelectedFeature;
import dev.parity.definitions.SelectionException;
import dev.parity.definitions.selection.SelectionResolver;
import dev.parity.server.auth.Role;
import dev.parity.server.core.ServedDefinitions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared defaults of a lookup's features, read-only ({@code GET /feature-services/{name}/defaults},
 * {@code GET /feature-defaults?features=view:feature,...}), role {@code reader}: so that a client
 * which cannot reach the server can serve the same defaults the server would, without the
 * definitions. Values are written as a lookup answer writes them; a count has 0, the value both
 * paths give an entity without rows in its window.
 */
@jakarta.ws.rs.Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class DefaultsResource {
  private final ServedDefinitions served;

  public DefaultsResource(ServedDefinitions served) {
    this.served = requireNonNull(served, "served is null");
  }

  @GET
  @jakarta.ws.rs.Path("feature-services/{name}/defaults")
  @Timed(name = "parity.http.defaults.service", absolute = true)
  @RolesAllowed(Role.READER_ID)
  public Map<String, Object> service(@PathParam("name") String name) {
    FeatureRepository repository = served.repository();
    SelectionResolver.requireService(repository, name);
    return answer(repository, FeatureSelector.service(name), name);
  }

  @GET
  @jakarta.ws.rs.Path("feature-defaults")
  @Timed(name = "parity.http.defaults.features", absolute = true)
  @RolesAllowed(Role.READER_ID)
  public Map<String, Object> features(@QueryParam("features") String features) {
    if (features == null || features.isBlank()) {
      throw new SelectionException("query parameter 'features' is missing: give view:feature references, comma-separated");
    }
    List<String> refs = Arrays.stream(features.split(",", -1)).map(String::strip).toList();
    return answer(served.repository(), FeatureSelector.features(refs), null);
  }

  private static Map<String, Object> answer(FeatureRepository repository, FeatureSelector selector, String service) {
    ResolvedSelection selection = SelectionResolver.resolve(repository, selector);
    List<Map<String, Object>> features = new ArrayList<>();
    for (SelectedFeature feature : selection.features()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("view", feature.ref().view());
      entry.put("name", feature.ref().feature());
      entry.put("type", feature.type().yamlName());
      entry.put("on_demand", feature.onDemand());
      // Only stored features have defaults; an on-demand one is computed from its inputs.
      if (countsRows(repository, feature.ref())) {
        // What both paths give an entity without rows in the window, as a lookup serves it.
        entry.put("default", 0L);
      } else {
        repository.defaultValue(feature.ref()).ifPresent(value -> entry.put("default", value));
      }
      features.add(entry);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("feature_service", service);
    answer.put("version", version(features));
    answer.put("features", features);
    return answer;
  }

  private static boolean countsRows(FeatureRepository repository, FeatureRef ref) {
    return repository.featureView(ref.view()).flatMap(view -> view.aggregation(ref.feature()))
        .map(a -> a.function() == AggregationFunction.COUNT || a.function() == AggregationFunction.COUNT_DISTINCT)
        .orElse(false);
  }

  /** A digest of what the answer says, so that a client sees when the defaults or the features changed. */
  private static String version(List<Map<String, Object>> features) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(features.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
