package dev.parity.client;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The Java client of a Parity server, for services that look features up at prediction time and
 * for batch jobs that push rows or start materializations and training sets. Built once per
 * process with {@link #builder()} and shared: thread-safe, it keeps the connections, the circuit
 * breakers, the retry budget and the near cache of all its calls.
 *
 * <pre>{@code
 * ParityClient client = ParityClient.builder().baseUrl("http://features:6566").bearerToken(token).build();
 * OnlineFeatures answer = client.features("driver_ranking_v1")
 *     .entity("driver_id", 1001).request("val_to_add", 1).get();
 * double conv = answer.row(0).getDouble("conv_rate");
 * }</pre>
 *
 * <p>Every call ends by its deadline, with its answer or with a subclass of {@link
 * ParityClientException}; see {@link ParityClientBuilder} for timeouts, retries, hedging, the
 * circuit breakers and the near cache.
 */
public final class ParityClient implements FeatureClient {
  private final ClientCore core;
  private final Lookups lookups;
  private final NearCache cache;
  private final Jobs jobs;
  private final Pushes pushes;
  private final List<ExecutorService> owned;

  ParityClient(ClientCore core, Lookups lookups, NearCache cache, Jobs jobs, Pushes pushes, List<ExecutorService> owned) {
    this.core = core;
    this.lookups = lookups;
    this.cache = cache;
    this.jobs = jobs;
    this.pushes = pushes;
    this.owned = List.copyOf(owned);
  }

  /** A builder with the defaults of {@link ParityClientBuilder}. */
  public static ParityClientBuilder builder() {
    return new ParityClientBuilder();
  }

  @Override
  public LookupRequest features(String featureService) {
    return LookupRequest.forService(lookups, featureService);
  }

  @Override
  public LookupRequest featureList(List<String> references) {
    return LookupRequest.forFeatures(lookups, references);
  }

  @Override
  public LookupRequest featureList(String... references) {
    return featureList(Arrays.asList(references));
  }

  /**
   * Fetches the declared defaults of {@code featureService}'s features now and keeps them for
   * {@linkplain LookupRequest#degradeToDefaults() degraded} lookups: call it at startup so that a
   * client can degrade even if the server goes away before its first successful lookup.
   *
   * @throws ParityClientException as a lookup would (e.g. {@link NotFoundException}, {@link UnavailableException})
   */
  public DeclaredDefaults fetchDefaults(String featureService) {
    LookupRequest.forService(lookups, featureService);
    return Futures.await(lookups.fetchDefaults(new LookupSpec(featureService, null, Map.of(), Map.of(), false, null,
        false)));
  }

  /**
   * The declared defaults the client knows for {@code featureService} (fetched or given at build
   * time): what a degraded lookup of it would answer with, if the server went away now.
   */
  public Optional<DeclaredDefaults> knownDefaults(String featureService) {
    return Optional.ofNullable(lookups.knownDefaults(new LookupSpec(featureService, null, Map.of(), Map.of(), false,
        null, false)));
  }

  /** Starting, following and reading jobs: materializations and training sets. */
  public Jobs jobs() {
    return jobs;
  }

  /** A push of rows to {@code source} ({@code POST /push/{source}}), written online unless told otherwise. */
  public PushRequest push(String source) {
    return pushes.request(source);
  }

  /** The state of each base URL's circuit breaker, in the order the base URLs were given. */
  public Map<URI, CircuitState> circuitStates() {
    return core.circuits();
  }

  /** The near cache's counts, when the client has one. */
  public Optional<NearCacheStats> nearCacheStats() {
    return cache == null ? Optional.empty() : Optional.of(cache.stats());
  }

  /**
   * Fails the calls in flight with {@link UnavailableException} (closing their connections),
   * refuses new ones ({@link IllegalStateException}) and stops the client's threads. The JDK 17
   * {@code HttpClient} has no close of its own: its selector thread and idle connections end once
   * it is garbage. Idempotent.
   */
  @Override
  public void close() {
    core.close();
    owned.forEach(ExecutorService::shutdownNow);
  }
}
