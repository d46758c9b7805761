package dev.parity.online;

import java.util.List;

/**
 * The online store: the latest value of each (entity, view), written newer-wins and looked up
 * with a status per value. Implementations are thread-safe: one instance serves all requests of
 * a process and owns its connections until {@link #close()}.
 */
public interface OnlineStore extends AutoCloseable {

  /**
   * Writes {@code rows} of {@code view}, in pipelined batches. For each (entity, view) the stored
   * row is replaced only by a newer one: a greater event time, or the same event time and a
   * greater created time (both equal and values equal: no change; both equal and values differ:
   * the greater encoding wins, so the outcome does not depend on write order). This holds
   * atomically under concurrent writers. A stored row written under another version of the view
   * is always replaced. Rows are validated batch by batch, so when a row is invalid the batches
   * before it are written; writing the same rows again is harmless.
   *
   * @throws OnlineRequestException a key or value does not fit the view (names the row and column)
   * @throws OnlineStoreUnavailableException Redis is unreachable or too slow; retrying is safe
   */
  WriteResult write(OnlineView view, List<OnlineRow> rows);

  /**
   * Looks up {@code views} for every entity row in one round trip (per Redis node in a cluster).
   * Each value's status is decided at read time: age against the view's ttl with the store's
   * clock ({@code OUTSIDE_MAX_AGE} when {@code now - event_time > ttl}; a value exactly ttl old
   * is served), and the stored version against the view's ({@code VERSION_MISMATCH}).
   *
   * @throws OnlineRequestException an unknown feature, a missing join key or a key of the wrong type
   * @throws OnlineStoreUnavailableException Redis is unreachable or too slow
   */
  OnlineLookup read(List<EntityRow> entities, List<ViewRequest> views);

  /** Closes the connections; calls after this fail. */
  @Override
  void close();
}
