package dev.parity.online.serving;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreUnavailableException;
import dev.parity.online.servinglog.ServingLogger;
import java.time.Clock;

/**
 * Serves {@code get-online-features} for one feature repository: looks up feature views in the
 * online store and computes on-demand features from the looked-up values and the request data,
 * answering in the columnar shape of Feast's feature server. Implementations are thread-safe;
 * build one per repository and share it.
 */
public interface OnlineFeatureServer {

  /**
   * Looks up the features of {@code request} for each entity row.
   *
   * <p>The result has the join key columns the requested views use (each echoing the coerced
   * keys, {@code PRESENT}), then one column per requested feature, named {@code feature} (or
   * {@code view__feature} with full feature names). Feature view values carry the store's status:
   * {@code PRESENT}, {@code NULL_VALUE}, {@code NOT_FOUND}, {@code OUTSIDE_MAX_AGE} (older than
   * the view's ttl now) or {@code VERSION_MISMATCH} (written under another definition version);
   * the value is null unless {@code PRESENT}. On-demand features are computed row by row with the
   * same compiled expression as offline, from the feature view values (null unless present) and
   * the request data: {@code PRESENT} when the result is non-null, {@code NULL_VALUE} when it is
   * null, and {@code VERSION_MISMATCH} (not computed) when an input is a version mismatch. Their
   * event time is the newest event time among their inputs.
   *
   * <p>Counts over no rows: a {@code count} or {@code count_distinct} aggregation with nothing
   * stored for the entity is {@code 0}, {@code PRESENT}, with {@link
   * dev.parity.online.FeatureValue#NO_EVENT_TIME}, and on-demand features reading it compute from
   * 0. Offline, such a count over an entity without rows in the window is 0, a value rather than a
   * missing one, and materialization writes only entities with source rows, so "no key" is how
   * such an entity looks online. {@code PRESENT} rather than {@code NOT_FOUND} with a value,
   * because every other status means "no value" (Feast clients read it as null, and {@link
   * dev.parity.online.FeatureValue} carries none with it); the missing event time still shows
   * that nothing was stored. A count of another version or too old stays withheld.
   *
   * <p>All views of the request are read in one store round trip. Entity and request values are
   * coerced strictly to the declared types: whole numbers are accepted for int64 and exact
   * integers for float64, timestamps as microseconds or ISO-8601 with offset; anything else is an
   * error naming the column and row.
   *
   * @throws dev.parity.definitions.UnknownDefinitionException an unknown service, view or feature
   *     (with a suggestion when one is close), as every path reports it
   * @throws dev.parity.definitions.SelectionException a reference not written {@code view:feature},
   *     a feature asked for twice
   * @throws OnlineRequestException columns of unequal length; a missing join key or request data field; a value
   *     of the wrong type; two result columns of one name without full feature names
   * @throws ViewNotServableException a requested view (or one an on-demand feature reads) is not
   *     online or its join key types are unknown
   * @throws OnlineStoreUnavailableException Redis is unreachable or too slow
   */
  OnlineFeaturesResponse get(OnlineFeaturesRequest request);

  /**
   * A server for {@code repository} reading {@code store}, which decides value ages with its own
   * clock. The store is not closed by the server. Descriptors and service plans are built once.
   */
  static OnlineFeatureServer create(FeatureRepository repository, OnlineStore store) {
    requireNonNull(repository, "repository is null");
    requireNonNull(store, "store is null");
    return new RepositoryFeatureServer(repository, OnlineViews.of(repository), store);
  }

  /**
   * A server as {@link #create(FeatureRepository, OnlineStore)} that also hands every served
   * request to {@code logger} (which samples it), with the definition versions it was served under
   * and the time it was received by {@code clock}. A request that fails is not logged. The logger
   * is not closed by the server.
   */
  static OnlineFeatureServer create(FeatureRepository repository, OnlineStore store, ServingLogger logger, Clock clock) {
    requireNonNull(repository, "repository is null");
    requireNonNull(store, "store is null");
    requireNonNull(logger, "logger is null");
    requireNonNull(clock, "clock is null");
    return new RepositoryFeatureServer(repository, OnlineViews.of(repository), store,
        new RepositoryFeatureServer.ServingLog(logger, clock, repository, RepositoryVersions.of(repository)));
  }
}
