package dev.parity.client.direct;

import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ObjectKey;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.plan.ObjectChange;
import dev.parity.definitions.plan.Plan;
import dev.parity.definitions.selection.SelectionResolver;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.definitions.version.VersionedObject;
import dev.parity.online.OnlineStore;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.Registry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One loaded version of the definitions with the server for them, as the HTTP server serves a
 * repository: when checked against a registry, an object the repository adds or changes is
 * refused until it is applied, because the values in Redis were written under the registered
 * versions. Immutable and thread-safe.
 *
 * @param registryRevision the registry revision it was checked against, -1 without a registry
 * @param unapplied the objects not served, by key; empty without a registry
 */
record ServedRepository(FeatureRepository repository, RepositoryVersions versions, long registryRevision,
    Map<ObjectKey, ObjectChange> unapplied, OnlineFeatureServer server) {

  /**
   * Plans {@code repository} against {@code registry} (null: no check) and builds its server on
   * {@code store}.
   *
   * @throws dev.parity.registry.RegistryUnavailableException the registry cannot be reached
   */
  static ServedRepository of(FeatureRepository repository, Registry registry, OnlineStore store) {
    RepositoryVersions versions = RepositoryVersions.of(repository);
    long revision = -1;
    Map<ObjectKey, ObjectChange> unapplied = new TreeMap<>();
    if (registry != null) {
      String project = repository.config().project();
      revision = registry.revision(project);
      List<VersionedObject> registered = registry.current(project).stream().map(ServedRepository::versioned).toList();
      for (ObjectChange change : Plan.between(registered, versions).changes()) {
        if (change.action() == ObjectChange.Action.ADDED || change.action() == ObjectChange.Action.CHANGED) {
          unapplied.put(change.key(), change);
        }
      }
    }
    return new ServedRepository(repository, versions, revision, Map.copyOf(unapplied),
        OnlineFeatureServer.create(repository, store));
  }

  /** Whether {@code other} serves the same definitions with the same refusals. */
  boolean sameAs(ServedRepository other) {
    return versions.objects().equals(other.versions.objects()) && unapplied.keySet().equals(other.unapplied.keySet());
  }

  /**
   * Looks {@code request} up, as the server's {@code ServedDefinitions} does.
   *
   * @throws NotAppliedException a service or view is not at its registered version
   */
  OnlineFeaturesResponse get(OnlineFeaturesRequest request) {
    if (request.featureService().isPresent()) {
      String service = request.featureService().get();
      SelectionResolver.requireService(repository, service);
      requireApplied(new ObjectKey(ObjectKind.FEATURE_SERVICE, service));
    } else {
      for (String reference : request.features()) {
        String view = FeatureRef.parse(reference).view();
        SelectionResolver.requireView(repository, view);
        requireApplied(new ObjectKey(repository.featureView(view).isPresent()
            ? ObjectKind.FEATURE_VIEW : ObjectKind.ON_DEMAND_FEATURE_VIEW, view));
      }
    }
    return server.get(request);
  }

  private void requireApplied(ObjectKey key) {
    ObjectChange change = unapplied.get(key);
    if (change != null) {
      String state = change.action() == ObjectChange.Action.ADDED ? "is not registered"
          : "differs from its registered version "
              + change.oldVersion().map(v -> v.substring(0, Math.min(12, v.length()))).orElse("?");
      throw new NotAppliedException(key.kind().description() + " '" + key.name() + "' " + state
          + " in the feature repository; apply the repository (parity apply) to serve it");
    }
  }

  private static VersionedObject versioned(DefinitionRecord record) {
    ObjectKind kind = switch (record.kind()) {
      case ENTITY -> ObjectKind.ENTITY;
      case SOURCE -> ObjectKind.SOURCE;
      case FEATURE_VIEW -> ObjectKind.FEATURE_VIEW;
      case ON_DEMAND_FEATURE_VIEW -> ObjectKind.ON_DEMAND_FEATURE_VIEW;
      case FEATURE_SERVICE -> ObjectKind.FEATURE_SERVICE;
      case TRIGGER -> ObjectKind.TRIGGER;
    };
    return new VersionedObject(new ObjectKey(kind, record.name()), record.canonicalJson(), record.version());
  }
}
