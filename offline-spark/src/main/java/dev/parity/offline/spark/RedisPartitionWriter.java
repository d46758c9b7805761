package dev.parity.offline.spark;

import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineView;
import dev.parity.online.WriteResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.sql.Row;

/**
 * Writes one partition of latest values ({@link LatestMerge}'s rows) to the online store from the
 * executor, through the online module's {@link OnlineStore} (its newer-wins script, standalone or
 * Cluster), one store per task, in batches of the store's write batch size. Rows become online
 * rows as the server's materialization makes them: keys and features in the online view's order;
 * an entity without a row within the ttl (no event time) is counted but not written; the created
 * time is the source row's (none: {@link OnlineRow#NO_CREATED_TIME}), or T for a view with
 * aggregations, whose values change as rows leave their windows (docs/offline.md).
 */
final class RedisPartitionWriter implements VoidFunction<Iterator<Row>> {
  private static final long serialVersionUID = 1L;

  private final OnlineTarget target;
  /** For each online key, its column in the row; for each online feature, likewise. */
  private final int[] keyColumns;
  private final int[] featureColumns;
  private final int eventColumn;
  /** T in UTC microseconds for a view with aggregations, else null (the source row's created time). */
  private final Long aggregatesCreated;
  private final WriteCounts counts;

  RedisPartitionWriter(OnlineTarget target, int[] keyColumns, int[] featureColumns, int eventColumn,
      Long aggregatesCreated, WriteCounts counts) {
    this.target = target;
    this.keyColumns = keyColumns.clone();
    this.featureColumns = featureColumns.clone();
    this.eventColumn = eventColumn;
    this.aggregatesCreated = aggregatesCreated;
    this.counts = counts;
  }

  @Override
  public void call(Iterator<Row> rows) {
    OnlineView view = target.onlineView();
    int batchSize = target.writeBatchSize();
    try (OnlineStore store = target.open()) {
      List<OnlineRow> batch = new ArrayList<>(batchSize);
      long entities = 0;
      while (rows.hasNext()) {
        Row row = rows.next();
        entities++;
        if (!row.isNullAt(eventColumn)) {
          batch.add(online(row));
        }
        if (batch.size() >= batchSize) {
          write(store, view, batch, entities);
          entities = 0;
        }
      }
      write(store, view, batch, entities);
    }
    counts.tasks.add(1);
  }

  private void write(OnlineStore store, OnlineView view, List<OnlineRow> batch, long entities) {
    counts.addEntities(entities);
    if (!batch.isEmpty()) {
      WriteResult result = store.write(view, batch);
      batch.clear();
      counts.addWrites(result.written(), result.skipped());
    }
  }

  private OnlineRow online(Row row) {
    List<Object> keys = new ArrayList<>(keyColumns.length);
    for (int column : keyColumns) {
      keys.add(row.get(column));
    }
    List<Object> values = new ArrayList<>(featureColumns.length);
    for (int column : featureColumns) {
      values.add(row.get(column));
    }
    long created = aggregatesCreated != null ? aggregatesCreated
        : row.isNullAt(eventColumn + 1) ? OnlineRow.NO_CREATED_TIME : row.getLong(eventColumn + 1);
    return new OnlineRow(keys, row.getLong(eventColumn), created, values);
  }
}
