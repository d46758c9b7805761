package dev.parity.server.core;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.Source;
import dev.parity.offline.OfflineFeature;
import dev.parity.offline.OfflineView;
import dev.parity.offline.features.OfflineViews;
import dev.parity.online.KeyColumn;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineView;
import dev.parity.definitions.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/**
 * Turns the offline engine's latest values of one feature view into online rows.
 *
 * <p>{@code OfflineEngine.latestValues} delivers keys and feature values but not the event and
 * created times of the rows they came from, which the online store's newer-wins needs. So the
 * view the engine runs is the view plus two hidden point-in-time features, the source's
 * timestamp and created columns themselves: the same join picks the same row for them as for the
 * view's features, so they are that row's times. An entity without a row within the view's ttl
 * at T has no event time: it is not written (its features are null offline; online any older
 * row reads as {@code OUTSIDE_MAX_AGE}, also null).
 */
final class LatestRows {
  private final OnlineView online;
  private final OfflineView offline;
  private final String eventColumn;
  private final Optional<String> createdColumn;

  private LatestRows(OnlineView online, OfflineView offline, String eventColumn, Optional<String> createdColumn) {
    this.online = online;
    this.offline = offline;
    this.eventColumn = eventColumn;
    this.createdColumn = createdColumn;
  }

  static LatestRows of(FeatureRepository repository, FeatureView view, OnlineView online) {
    Source source = repository.source(view.source()).orElseThrow();
    OfflineView base = OfflineViews.from(repository, view);
    List<OfflineFeature> features = new ArrayList<>(base.features());
    String event = hidden(view, features, source.timestampColumn());
    Optional<String> created = source.createdTimestampColumn().map(c -> hidden(view, features, c));
    OfflineView withTimes = new OfflineView(base.name(), base.joinKeys(), base.source(), base.ttl(), features,
        base.aggregations());
    return new LatestRows(online, withTimes, event, created);
  }

  /** Adds source column {@code column} as a point-in-time feature, unless the view has it as one already. */
  private static String hidden(FeatureView view, List<OfflineFeature> features, String column) {
    for (OfflineFeature feature : features) {
      if (feature.name().equals(column)) {
        if (feature.expression().isPresent() || feature.type() != DataType.TIMESTAMP) {
          throw new MaterializationException("feature view '" + view.name() + "' has a feature named '" + column
              + "' that is not its source's timestamp column of that name; rename the feature to materialize it");
        }
        return column;
      }
    }
    features.add(OfflineFeature.column(column, DataType.TIMESTAMP));
    return column;
  }

  /** The view the engine computes: the feature view plus its source's time columns. */
  OfflineView offlineView() {
    return offline;
  }

  /** The rows of {@code batch} that have an event time, keys and features in the online view's order. */
  List<OnlineRow> convert(VectorSchemaRoot batch) {
    List<FieldVector> keys = new ArrayList<>();
    for (KeyColumn key : online.joinKeys()) {
      keys.add(vector(batch, key.name()));
    }
    List<FieldVector> values = new ArrayList<>();
    online.features().forEach(f -> values.add(vector(batch, f.name())));
    FieldVector event = vector(batch, eventColumn);
    Optional<FieldVector> created = createdColumn.map(c -> vector(batch, c));
    List<OnlineRow> rows = new ArrayList<>(batch.getRowCount());
    for (int i = 0; i < batch.getRowCount(); i++) {
      if (event.isNull(i)) {
        continue;
      }
      long createdMicros = created.isPresent() && !created.get().isNull(i) ? (Long) created.get().getObject(i)
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
