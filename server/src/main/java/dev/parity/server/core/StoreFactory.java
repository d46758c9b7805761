package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.OfflineOptions;
import dev.parity.online.OnlineStoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Opens the stores a loaded feature repository's {@code parity.yaml} names (after the loader
 * applied {@code PARITY_REGISTRY_URL} and {@code PARITY_REDIS_URL}): its registry database, its
 * online store (one Redis server or a cluster, keys prefixed with the project) and an embedded
 * offline engine with its own Arrow allocator and a temporary directory under {@code
 * offline.path}. Stateless and thread-safe.
 */
public final class StoreFactory {
  private final Clock clock;
  private final Duration expiryGrace;
  private final UnaryOperator<OfflineOptions> offlineTuning;

  /**
   * @param clock the time of registry and metadata records, of online value ages (ttl) and of
   *     validation reports; the system UTC clock in production
   */
  public StoreFactory(Clock clock) {
    this(clock, OnlineStoreSettings.DEFAULT_EXPIRY_GRACE);
  }

  /**
   * @param clock as for {@link #StoreFactory(Clock)}
   * @param expiryGrace how long after {@code event_time + ttl} Redis keeps an online value (see
   *     {@link OnlineStoreSettings#expiryGrace()}). Redis expires by its own wall clock: values
   *     materialized from data older than their ttl are dropped at once with the default of one
   *     hour, which is right for serving; backfills and tests on historical data with a clock in
   *     the past need a longer grace
   */
  public StoreFactory(Clock clock, Duration expiryGrace) {
    this(clock, expiryGrace, UnaryOperator.identity());
  }

  /** With the offline engine's default options changed by {@code offlineTuning} (tests: small batches). */
  StoreFactory(Clock clock, Duration expiryGrace, UnaryOperator<OfflineOptions> offlineTuning) {
    this.clock = requireNonNull(clock, "clock is null");
    this.expiryGrace = requireNonNull(expiryGrace, "expiryGrace is null");
    this.offlineTuning = requireNonNull(offlineTuning, "offlineTuning is null");
    if (expiryGrace.isNegative()) {
      throw new IllegalArgumentException("expiryGrace is negative: " + expiryGrace);
    }
  }

  /**
   * The stores of {@code repository}. Nothing is connected yet: each store is opened on first use
   * and closed with the result, so a command that needs only Redis never opens the registry.
   */
  public RepositoryStores open(FeatureRepository repository) {
    return new RepositoryStores(requireNonNull(repository, "repository is null"), clock, expiryGrace, offlineTuning);
  }

  /** The clock the stores are opened with. */
  public Clock clock() {
    return clock;
  }
}
