package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;

/**
 * Online lookups (SPEC §4) of one repository from its online store: feature views read from Redis
 * in one round trip, on-demand features computed from them and the request data. Thread-safe;
 * build one per repository and share it.
 */
public final class OnlineService {
  private final OnlineFeatureServer server;

  /** @param stores the repository's stores; the online store is opened now */
  public OnlineService(RepositoryStores stores) {
    requireNonNull(stores, "stores is null");
    FeatureRepository repository = stores.repository();
    this.server = OnlineFeatureServer.create(repository, stores.online());
  }

  /**
   * The features of {@code request} for each entity row, with statuses and event times.
   *
   * @throws dev.parity.online.OnlineRequestException for an unknown service, view or feature, a
   *     missing or mistyped key or request field
   * @throws dev.parity.online.OnlineStoreUnavailableException if Redis cannot be reached
   */
  public OnlineFeaturesResponse get(OnlineFeaturesRequest request) {
    return server.get(requireNonNull(request, "request is null"));
  }
}
