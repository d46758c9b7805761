package dev.parity.server.core;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.offline.LatestValuesConsumer;
import dev.parity.offline.OfflineView;
import dev.parity.offline.features.OfflineViews;
import dev.parity.online.KeyColumn;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/**
 * Turns the offline engine's latest values of one feature view into online rows: keys and
 * feature values, with the event and created time of the source row they came from, which
 * {@code OfflineEngine.latestValues} delivers as columns {@link
 * LatestValuesConsumer#EVENT_TIMESTAMP} and {@link LatestValuesConsumer#CREATED_TIMESTAMP} and
 * the online store's newer-wins needs. An entity without a row within the view's ttl at T has no
 * event time: it is not written (its features are null offline, or their declared defaults;
 * online any older row reads as {@code OUTSIDE_MAX_AGE}, with the same null or default).
 *
 * <p>A view with aggregations is written with the time T its values were computed at as created
 * time, whatever its source rows': an aggregate changes as rows leave its window, without a newer
 * source row, so (latest row's event time, T) is what orders two computations of it. Newer-wins
 * then replaces the aggregates of an earlier materialization with those of a later one, keeps a
 * later one against an earlier rerun, and a rerun at the same T changes nothing. With the source
 * row's created time instead, a later run with the same latest row tied with the earlier one and
 * the stale aggregate could stay.
 */
public final class LatestRows {
  private final OnlineView online;
  private final OfflineView offline;
  private final long aggregatesCreatedMicros;

  private LatestRows(OnlineView online, OfflineView offline, long aggregatesCreatedMicros) {
    this.online = online;
    this.offline = offline;
    this.aggregatesCreatedMicros = aggregatesCreatedMicros;
  }

  /** Rows of {@code view} as computed at {@code computedAt} (the latest values' T). */
  public static LatestRows of(FeatureRepository repository, FeatureView view, OnlineView online, Instant computedAt) {
    return new LatestRows(online, OfflineViews.from(repository, view),
        Math.addExact(Math.multiplyExact(computedAt.getEpochSecond(), 1_000_000L), computedAt.getNano() / 1_000));
  }

  /** The view the engine computes. */
  public OfflineView offlineView() {
    return offline;
  }

  /** The rows of {@code batch} that have an event time, keys and features in the online view's order. */
  public List<OnlineRow> convert(VectorSchemaRoot batch) {
    List<FieldVector> keys = new ArrayList<>();
    for (KeyColumn key : online.joinKeys()) {
      keys.add(vector(batch, key.name()));
    }
    List<FieldVector> values = new ArrayList<>();
    online.features().forEach(f -> values.add(vector(batch, f.name())));
    FieldVector event = vector(batch, LatestValuesConsumer.EVENT_TIMESTAMP);
    Optional<FieldVector> created = Optional.ofNullable(batch.getVector(LatestValuesConsumer.CREATED_TIMESTAMP));
    List<OnlineRow> rows = new ArrayList<>(batch.getRowCount());
    for (int i = 0; i < batch.getRowCount(); i++) {
      if (event.isNull(i)) {
        continue;
      }
      long createdMicros = !offline.aggregations().isEmpty() ? aggregatesCreatedMicros
          : created.isPresent() && !created.get().isNull(i) ? (Long) created.get().getObject(i)
          : OnlineRow.NO_CREATED_TIME;
      rows.add(new OnlineRow(column(keys, i), (Long) event.getObject(i), createdMicros, column(values, i)));
    }
    return rows;
  }

  private static List<Object> column(List<FieldVector> vectors, int row) {
    List<Object> out = new ArrayList<>(vectors.size());
    for (FieldVector vector : vectors) {
      Object value = vector.getObject(row);
      out.add(value instanceof Text text ? text.toString() : value);
    }
    return out;
  }

  private static FieldVector vector(VectorSchemaRoot batch, String name) {
    FieldVector vector = batch.getVector(name);
    if (vector == null) {
      throw new IllegalStateException("the offline engine delivered no column '" + name + "' for view "
          + "'" + batch.getSchema() + "'");
    }
    return vector;
  }
}
