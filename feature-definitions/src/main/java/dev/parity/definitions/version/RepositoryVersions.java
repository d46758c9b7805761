package dev.parity.definitions.version;

import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureService;
import dev.parity.definitions.ObjectKey;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.OnDemandFeatureView;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The canonical form and version of every object of a repository. A feature view's form embeds
 * its entities' and source's forms; an on-demand view's and a service's forms include the versions
 * of the views they use, so a change propagates to everything that depends on it. A trigger's form
 * is its declaration ({@link dev.parity.definitions.triggers.Trigger#canonicalJson()}): it names its
 * service without its version, so changing a service does not make its triggers new versions.
 * Immutable and thread-safe.
 */
public final class RepositoryVersions {
  private final Map<ObjectKey, VersionedObject> objects;

  private RepositoryVersions(Map<ObjectKey, VersionedObject> objects) {
    this.objects = Collections.unmodifiableMap(objects);
  }

  /** Computes the versions of every object of {@code repository}. */
  public static RepositoryVersions of(FeatureRepository repository) {
    CanonicalForms forms = new CanonicalForms(repository);
    Map<ObjectKey, VersionedObject> objects = new TreeMap<>();
    repository.entities().forEach(e -> add(objects, ObjectKind.ENTITY, e.name(), forms.entity(e)));
    repository.sources().forEach(s -> add(objects, ObjectKind.SOURCE, s.name(), forms.source(s)));
    repository.featureViews().forEach(v -> add(objects, ObjectKind.FEATURE_VIEW, v.name(), forms.featureView(v)));
    // On-demand views may read each other (never in a cycle): version them dependencies first.
    Set<String> pending = new TreeSet<>();
    repository.onDemandFeatureViews().forEach(v -> pending.add(v.name()));
    while (!pending.isEmpty()) {
      int before = pending.size();
      for (String name : Set.copyOf(pending)) {
        OnDemandFeatureView view = repository.onDemandFeatureView(name).orElseThrow();
        Set<String> uses = usedViews(repository, view);
        if (uses.stream().noneMatch(pending::contains)) {
          add(objects, ObjectKind.ON_DEMAND_FEATURE_VIEW, name, onDemandForm(repository, forms, view, uses, objects));
          pending.remove(name);
        }
      }
      if (pending.size() == before) {
        throw new IllegalStateException("on-demand views in a cycle passed validation: " + pending);
      }
    }
    for (FeatureService service : repository.featureServices()) {
      Map<String, Object> form = CanonicalForms.header(ObjectKind.FEATURE_SERVICE, service.name());
      Map<String, Object> features = new TreeMap<>();
      service.features().forEach((view, selection) -> features.put(view, selection.all() ? "*" : selection.features()));
      form.put("features", features);
      form.put("uses", uses(service.features().keySet(), objects));
      add(objects, ObjectKind.FEATURE_SERVICE, service.name(), form);
    }
    // A trigger's form is its own declaration (the service by name, not by version), so the
    // version its runs record is the one the registry keeps.
    repository.triggers().forEach(t -> {
      ObjectKey key = new ObjectKey(ObjectKind.TRIGGER, t.name());
      objects.put(key, VersionedObject.of(key, t.canonicalJson()));
    });
    return new RepositoryVersions(objects);
  }

  private static Map<String, Object> onDemandForm(
      FeatureRepository repository, CanonicalForms forms, OnDemandFeatureView view, Set<String> uses, Map<ObjectKey, VersionedObject> objects) {
    Map<String, Object> form = CanonicalForms.header(ObjectKind.ON_DEMAND_FEATURE_VIEW, view.name());
    Map<String, Object> request = new TreeMap<>();
    view.request().forEach((field, type) -> request.put(field, type.yamlName()));
    form.put("request", request);
    Map<String, Object> features = new TreeMap<>();
    view.features().forEach(f -> features.put(f.name(), forms.feature(view.name(), f)));
    form.put("features", features);
    form.put("uses", uses(uses, objects));
    return form;
  }

  private static Set<String> usedViews(FeatureRepository repository, OnDemandFeatureView view) {
    Set<String> uses = new TreeSet<>();
    for (var feature : view.features()) {
      for (String input : repository.expression(new FeatureRef(view.name(), feature.name())).orElseThrow().inputs()) {
        int dot = input.indexOf('.');
        if (dot > 0) {
          uses.add(input.substring(0, dot));
        }
      }
    }
    return uses;
  }

  private static Map<String, Object> uses(Set<String> views, Map<ObjectKey, VersionedObject> objects) {
    Map<String, Object> uses = new TreeMap<>();
    for (String view : views) {
      VersionedObject used = objects.get(new ObjectKey(ObjectKind.FEATURE_VIEW, view));
      if (used == null) {
        used = objects.get(new ObjectKey(ObjectKind.ON_DEMAND_FEATURE_VIEW, view));
      }
      uses.put(view, used.version());
    }
    return uses;
  }

  private static void add(Map<ObjectKey, VersionedObject> objects, ObjectKind kind, String name, Map<String, Object> form) {
    ObjectKey key = new ObjectKey(kind, name);
    objects.put(key, VersionedObject.of(key, CanonicalForms.toJson(form)));
  }

  /** Every object, sorted by kind then name. */
  public Map<ObjectKey, VersionedObject> objects() {
    return objects;
  }

  public Optional<VersionedObject> get(ObjectKey key) {
    return Optional.ofNullable(objects.get(key));
  }

  /**
   * The full version of an object.
   *
   * @throws IllegalArgumentException if there is no such object
   */
  public String version(ObjectKind kind, String name) {
    return get(new ObjectKey(kind, name))
        .orElseThrow(() -> new IllegalArgumentException("no " + kind.description() + " '" + name + "'"))
        .version();
  }
}
