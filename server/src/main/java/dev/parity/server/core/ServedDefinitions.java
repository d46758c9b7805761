package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ObjectKey;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.plan.ObjectChange;
import dev.parity.definitions.plan.Plan;
import dev.parity.definitions.selection.SelectionResolver;
import dev.parity.online.OnlineStore;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.online.servinglog.ServingLogger;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server serves: the repository's definitions where they are the registered ones.
 *
 * <p>The server loads the repository at start and plans it against the registry. Objects the
 * repository has at the registered version are served. Objects it adds or changes are not: a
 * lookup that needs one fails with {@link NotAppliedException} (409) until the repository is
 * applied, because values in Redis are written under registered versions and serving another
 * definition would mix versions silently. The server starts anyway (with a warning listing the
 * objects) so that {@code POST /registry/apply} can fix it; after an apply the new definitions
 * are served at once ({@link #replace}).
 *
 * <p>Thread-safe: a lookup uses one immutable snapshot; {@link #replace} swaps it atomically.
 */
public final class ServedDefinitions {
  private static final Logger LOG = LoggerFactory.getLogger(ServedDefinitions.class);

  private record Snapshot(FeatureRepository repository, OnlineFeatureServer server, Map<ObjectKey, ObjectChange> unapplied,
      Set<String> joinKeys) {}

  private final OnlineStore store;
  private final Optional<ServingLogger> servingLog;
  private final Clock clock;
  private final AtomicReference<Snapshot> current = new AtomicReference<>();

  /**
   * The lookups of {@code stores}' repository as the HTTP server makes them, for the CLI: planned
   * against the registry now, so objects not applied are refused ({@link NotAppliedException})
   * instead of served under another definition than the values in Redis were written with.
   *
   * @throws dev.parity.registry.RegistryUnavailableException the registry cannot be reached
   */
  public static ServedDefinitions open(RepositoryStores stores) {
    FeatureRepository repository = stores.repository();
    return new ServedDefinitions(stores.online(), repository, PlannedApply.against(repository, stores.registry()).plan());
  }

  /** Serves {@code repository}, whose {@code plan} against the registry says what is not applied. */
  public ServedDefinitions(OnlineStore store, FeatureRepository repository, Plan plan) {
    this(store, repository, plan, Optional.empty(), Clock.systemUTC());
  }

  /**
   * As {@link #ServedDefinitions(OnlineStore, FeatureRepository, Plan)}, handing every served
   * request to {@code servingLog} (which samples it), stamped with its time by {@code clock}.
   */
  public ServedDefinitions(OnlineStore store, FeatureRepository repository, Plan plan,
      Optional<ServingLogger> servingLog, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.servingLog = requireNonNull(servingLog, "servingLog is null");
    this.clock = requireNonNull(clock, "clock is null");
    replace(repository, plan);
  }

  /** Serves {@code repository} from now on; {@code plan} is its plan against the registry. */
  public void replace(FeatureRepository repository, Plan plan) {
    requireNonNull(repository, "repository is null");
    Map<ObjectKey, ObjectChange> unapplied = new TreeMap<>();
    for (ObjectChange change : plan.changes()) {
      if (change.action() == ObjectChange.Action.ADDED || change.action() == ObjectChange.Action.CHANGED) {
        unapplied.put(change.key(), change);
      }
    }
    if (!unapplied.isEmpty()) {
      LOG.warn("The feature repository {} differs from its registry: {} are not served until it is applied "
          + "(parity apply, or POST /registry/apply)", repository.root(), unapplied.keySet());
    }
    OnlineFeatureServer server = servingLog.map(log -> OnlineFeatureServer.create(repository, store, log, clock))
        .orElseGet(() -> OnlineFeatureServer.create(repository, store));
    Set<String> joinKeys = repository.entities().stream().flatMap(e -> e.joinKeys().stream())
        .collect(Collectors.toUnmodifiableSet());
    current.set(new Snapshot(repository, server, Map.copyOf(unapplied), joinKeys));
  }

  /** The repository served now. */
  public FeatureRepository repository() {
    return current.get().repository();
  }

  /** The join keys of the served repository's entities. */
  public Set<String> joinKeys() {
    return current.get().joinKeys();
  }

  /**
   * Looks up {@code request} against the served definitions.
   *
   * @throws dev.parity.definitions.UnknownDefinitionException the service, or a view of the feature
   *     list, does not exist (404)
   * @throws dev.parity.definitions.SelectionException a reference not written view:feature
   * @throws NotAppliedException the service or a view is not at its registered version
   * @throws dev.parity.online.OnlineRequestException see {@link OnlineFeatureServer#get}
   * @throws dev.parity.online.OnlineStoreUnavailableException Redis is unreachable or too slow
   */
  public OnlineFeaturesResponse get(OnlineFeaturesRequest request) {
    Snapshot snapshot = current.get();
    FeatureRepository repository = snapshot.repository();
    if (request.featureService().isPresent()) {
      String service = request.featureService().get();
      SelectionResolver.requireService(repository, service);
      requireApplied(snapshot, new ObjectKey(ObjectKind.FEATURE_SERVICE, service));
    } else {
      for (String reference : request.features()) {
        requireView(snapshot, FeatureRef.parse(reference).view());
      }
    }
    return snapshot.server().get(request);
  }

  private static void requireView(Snapshot snapshot, String view) {
    FeatureRepository repository = snapshot.repository();
    SelectionResolver.requireView(repository, view);
    requireApplied(snapshot, new ObjectKey(repository.featureView(view).isPresent()
        ? ObjectKind.FEATURE_VIEW : ObjectKind.ON_DEMAND_FEATURE_VIEW, view));
  }

  private static void requireApplied(Snapshot snapshot, ObjectKey key) {
    ObjectChange change = snapshot.unapplied().get(key);
    if (change != null) {
      String state = change.action() == ObjectChange.Action.ADDED ? "is not registered"
          : "differs from its registered version " + change.oldVersion().map(v -> v.substring(0, Math.min(12, v.length()))).orElse("?");
      throw new NotAppliedException(key.kind().description() + " '" + key.name() + "' " + state
          + " in the feature repository; apply the repository (parity apply, or POST /registry/apply) to serve it");
    }
  }
}
