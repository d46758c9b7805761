package dev.parity.client.direct;

import dev.parity.ParityException;
import dev.parity.client.FeatureClient;
import dev.parity.client.LookupBackend;
import dev.parity.client.LookupRequest;
import dev.parity.client.LookupSpec;
import dev.parity.client.OnlineFeatures;
import dev.parity.client.ParityClientException;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.online.OnlineStore;
import dev.parity.registry.Registry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link FeatureClient} that reads Redis itself: the lowest latency, for a service that can
 * reach Redis and carry the definitions. It compiles the repository's definitions as the server
 * does and looks features up with the server's own code (request planning, one pipelined Redis
 * read, on-demand evaluation, statuses), so that its answers equal the HTTP client's value for
 * value: same {@link OnlineFeatures}, same exception classes. Built once per process with {@link
 * #builder()}, thread-safe, closed at the end.
 *
 * <pre>{@code
 * FeatureClient client = DirectClient.builder().repository(Path.of("feature_repo")).registry(registry).build();
 * OnlineFeatures answer = client.features("driver_ranking_v1").entity("driver_id", 1001).request("val_to_add", 1).get();
 * }</pre>
 *
 * <p><b>Definitions.</b> Loaded from a repository directory; with a {@link Registry}, objects
 * that the repository adds or changes but are not applied are refused (as the server refuses
 * them, with its 409's class), because the values in Redis were written under the registered
 * versions. {@link #refresh()} reloads the directory and re-reads the registry, and swaps the
 * definitions when they changed; {@link DirectClientBuilder#refreshEvery} does so periodically.
 *
 * <p><b>Time limits.</b> A lookup is one pipelined round trip per Redis node, bounded by the
 * Redis connection's socket timeout and pool wait ({@link DirectClientBuilder#redis}); there are
 * no retries, hedges or circuit breakers, which guard the HTTP hop this client does not make. A
 * lookup's own {@link LookupRequest#deadline} bounds the wait of {@link LookupRequest#getAsync()}.
 */
public final class DirectClient implements FeatureClient {
  private final Path root;
  private final RepositoryLoader loader;
  private final Registry registry;
  private final OnlineStore store;
  private final boolean ownsStore;
  private final Clock clock;
  private final ExecutorService executor;
  private final List<ExecutorService> owned;
  private final AtomicReference<ServedRepository> served = new AtomicReference<>();
  private final AtomicReference<RuntimeException> lastRefreshFailure = new AtomicReference<>();
  private final Backend backend = new Backend();

  DirectClient(Path root, RepositoryLoader loader, FeatureRepository repository, Registry registry, OnlineStore store,
      boolean ownsStore, Clock clock, ExecutorService executor, List<ExecutorService> owned) {
    this.root = root;
    this.loader = loader;
    this.registry = registry;
    this.store = store;
    this.ownsStore = ownsStore;
    this.clock = clock;
    this.executor = executor;
    this.owned = List.copyOf(owned);
    served.set(ServedRepository.of(repository, registry, store));
  }

  /** A builder; the repository directory is required. */
  public static DirectClientBuilder builder() {
    return new DirectClientBuilder();
  }

  @Override
  public LookupRequest features(String featureService) {
    return LookupRequest.forService(backend, featureService);
  }

  @Override
  public LookupRequest featureList(List<String> references) {
    return LookupRequest.forFeatures(backend, references);
  }

  /**
   * Reloads the repository directory (and the registry's versions, with a registry) and serves it
   * from now on if anything changed; lookups in flight finish on the definitions they started with.
   *
   * @return whether the served definitions changed
   * @throws dev.parity.definitions.DefinitionException the repository no longer loads; the
   *     definitions served before are kept
   * @throws dev.parity.registry.RegistryUnavailableException the registry cannot be reached; likewise
   */
  public synchronized boolean refresh() {
    ServedRepository next = ServedRepository.of(loader.load(root), registry, store);
    if (next.sameAs(served.get())) {
      return false;
    }
    served.set(next);
    return true;
  }

  /** As {@link #refresh()}, keeping the failure for {@link #lastRefreshFailure()} instead of throwing it. */
  void refreshQuietly() {
    try {
      refresh();
      lastRefreshFailure.set(null);
    } catch (RuntimeException failure) {
      lastRefreshFailure.set(failure);
    }
  }

  /** Why the last periodic refresh failed, empty once one succeeds: the definitions before it are served. */
  public Optional<RuntimeException> lastRefreshFailure() {
    return Optional.ofNullable(lastRefreshFailure.get());
  }

  /** The definition version of each object served now, keyed {@code kind/name}. */
  public Map<String, String> servedVersions() {
    Map<String, String> versions = new TreeMap<>();
    served.get().versions().objects().forEach((key, object) -> versions.put(key.kind().label() + "/" + key.name(),
        object.version()));
    return versions;
  }

  /** Stops the refreshes and the client's threads, and closes Redis connections it opened. Idempotent. */
  @Override
  public void close() {
    owned.forEach(ExecutorService::shutdownNow);
    if (ownsStore) {
      store.close();
    }
  }

  private OnlineFeatures lookup(LookupSpec spec) {
    try {
      return Answers.answer(served.get().get(Answers.request(spec)), clock.instant());
    } catch (ParityException failure) {
      throw Answers.failure(failure);
    }
  }

  /** The lookups of {@link LookupRequest}, answered in this thread (or on the client's executor when asynchronous). */
  private final class Backend implements LookupBackend {
    @Override
    public OnlineFeatures get(LookupSpec spec) {
      return lookup(spec);
    }

    @Override
    public CompletableFuture<OnlineFeatures> getAsync(LookupSpec spec) {
      CompletableFuture<OnlineFeatures> answer = new CompletableFuture<>();
      try {
        executor.execute(() -> {
          try {
            answer.complete(lookup(spec));
          } catch (ParityClientException failure) {
            answer.completeExceptionally(failure);
          } catch (RuntimeException failure) {
            answer.completeExceptionally(LookupBackend.failure(500, "lookup (direct): unexpected failure: " + failure,
                failure));
          }
        });
      } catch (RejectedExecutionException closed) {
        return CompletableFuture.failedFuture(LookupBackend.failure(503, "lookup (direct): the client is closed", closed));
      }
      if (spec.deadline() != null) {
        // Run on the delay's own timer thread: its default executor may start a thread per task.
        CompletableFuture.delayedExecutor(spec.deadline().toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
            .execute(() -> answer.completeExceptionally(LookupBackend.deadlineExceeded(
                "lookup (direct): no answer within the deadline of " + spec.deadline())));
      }
      return answer;
    }
  }
}
