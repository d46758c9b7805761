package dev.parity.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The declared defaults of one lookup's features, as the server reports them ({@code GET
 * /feature-services/{name}/defaults} or {@code GET /feature-defaults?features=...}): what a client
 * asked to {@linkplain LookupRequest#degradeToDefaults() degrade} answers with when the server
 * cannot be reached. The client fetches and caches them itself; give them at build time ({@link
 * ParityClientBuilder#declaredDefaults}) from a saved answer ({@link #fromJson}) so that a client
 * which never reached the server can degrade too. Immutable.
 */
public final class DeclaredDefaults {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * One feature of the lookup, in answer order.
   *
   * @param view its feature view (or on-demand view)
   * @param name the feature's name
   * @param onDemand whether it is computed at request time (it then has no default: its inputs do)
   * @param value its declared default, or null when it declares none
   */
  public record Feature(String view, String name, boolean onDemand, Object value) {
    public Feature {
      requireNonNull(view, "view is null");
      requireNonNull(name, "name is null");
    }

    /** Whether the feature declares a default. */
    public boolean hasDefault() {
      return value != null;
    }

    /** Its {@code view:feature} reference. */
    public String reference() {
      return view + ":" + name;
    }
  }

  private final String featureService;
  private final String version;
  private final List<Feature> features;

  /**
   * @param featureService the feature service they belong to, or null for a feature list
   * @param version the server's digest of the features and defaults (changes when they do)
   */
  public DeclaredDefaults(String featureService, String version, List<Feature> features) {
    this.featureService = featureService;
    this.version = requireNonNull(version, "version is null");
    this.features = List.copyOf(requireNonNull(features, "features are null"));
    if (this.features.isEmpty()) {
      throw new IllegalArgumentException("declared defaults of no features");
    }
  }

  /**
   * The defaults in the server's JSON answer, e.g. saved at build time with {@code curl
   * .../feature-services/NAME/defaults}.
   *
   * @throws IllegalArgumentException if it is not such an answer
   */
  public static DeclaredDefaults fromJson(String json) {
    try {
      return parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a declared defaults answer: " + e.getMessage(), e);
    }
  }

  static DeclaredDefaults parse(byte[] body) throws IOException {
    String service = null;
    String version = null;
    List<Feature> features = null;
    try (JsonParser json = JSON.createParser(body)) {
      expect(json.nextToken(), JsonToken.START_OBJECT, "the answer");
      for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
        JsonToken token = json.nextToken();
        switch (field) {
          case "feature_service" -> service = token == JsonToken.VALUE_NULL ? null : text(json, token, field);
          case "version" -> version = text(json, token, field);
          case "features" -> features = features(json, token);
          default -> json.skipChildren();
        }
      }
    }
    if (version == null || features == null || features.isEmpty()) {
      throw new IOException("the answer lacks 'version' or 'features'");
    }
    return new DeclaredDefaults(service, version, features);
  }

  private static List<Feature> features(JsonParser json, JsonToken token) throws IOException {
    expect(token, JsonToken.START_ARRAY, "features");
    List<Feature> features = new ArrayList<>();
    for (JsonToken entry = json.nextToken(); entry != JsonToken.END_ARRAY; entry = json.nextToken()) {
      expect(entry, JsonToken.START_OBJECT, "features[" + features.size() + "]");
      String view = null;
      String name = null;
      boolean onDemand = false;
      Object value = null;
      for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
        JsonToken next = json.nextToken();
        switch (field) {
          case "view" -> view = text(json, next, field);
          case "name" -> name = text(json, next, field);
          case "on_demand" -> onDemand = next == JsonToken.VALUE_TRUE;
          // Read as a lookup answer's values are, so that both carry the same Java value.
          case "default" -> value = LookupJson.value(json, next);
          default -> json.skipChildren();
        }
      }
      if (view == null || name == null) {
        throw new IOException("features[" + features.size() + "] lacks 'view' or 'name'");
      }
      features.add(new Feature(view, name, onDemand, value));
    }
    return features;
  }

  private static String text(JsonParser json, JsonToken token, String field) throws IOException {
    expect(token, JsonToken.VALUE_STRING, field);
    return json.getText();
  }

  private static void expect(JsonToken token, JsonToken wanted, String what) throws IOException {
    if (token != wanted) {
      throw new IOException(what + " is " + token + ", not " + wanted);
    }
  }

  /** The feature service, or null for a feature list. */
  public String featureService() {
    return featureService;
  }

  /** The server's digest of the features and their defaults. */
  public String version() {
    return version;
  }

  /** The features, in answer order. */
  public List<Feature> features() {
    return features;
  }

  /** What lookups these defaults answer: the same as {@link DefaultsCache#key(LookupSpec)}. */
  String key() {
    return featureService != null ? DefaultsCache.serviceKey(featureService)
        : DefaultsCache.listKey(features.stream().map(Feature::reference).toList());
  }

  @Override
  public String toString() {
    return "DeclaredDefaults[" + (featureService != null ? featureService : key()) + " @" + version + ", " + features + "]";
  }
}
