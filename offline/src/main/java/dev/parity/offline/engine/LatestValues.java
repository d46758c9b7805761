package dev.parity.offline.engine;

import dev.parity.ParityException;
import dev.parity.definitions.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.LatestValuesConsumer;
import dev.parity.offline.OfflineException;

/**
 * Latest values of one source partition: a synthetic entity table (each key with a row in {@code
 * [start, end]}, at T = end; for aggregations the engine moves start back by the longest window)
 * joined by the same {@link PointInTimeJoin} as training sets, then delivered with the view's key and feature names and the chosen row's event (and created) time.
 * Delivery is serialized across partitions.
 */
final class LatestValues {
  private final ViewPlan plan;
  private final long end;
  private final long start;
  private final LatestValuesConsumer consumer;
  private final int batchRows;
  private final Schema deliverySchema;
  private final boolean withCreated;

  LatestValues(ViewPlan plan, long end, long start, LatestValuesConsumer consumer, int batchRows) {
    this.plan = plan;
    this.end = end;
    this.start = start;
    this.consumer = consumer;
    this.batchRows = batchRows;
    List<Field> fields = new ArrayList<>();
    plan.view.joinKeys().forEach(k -> fields.add(Vectors.field(k.name(), k.type())));
    plan.outputs.forEach(o -> fields.add(Vectors.field(o.name(), o.type())));
    fields.add(Vectors.field(LatestValuesConsumer.EVENT_TIMESTAMP, DataType.TIMESTAMP));
    this.withCreated = plan.view.source().createdColumn().isPresent();
    if (withCreated) {
      fields.add(Vectors.field(LatestValuesConsumer.CREATED_TIMESTAMP, DataType.TIMESTAMP));
    }
    for (Field field : fields.subList(0, fields.size() - (withCreated ? 2 : 1))) {
      if (field.getName().equals(LatestValuesConsumer.EVENT_TIMESTAMP)
          || field.getName().equals(LatestValuesConsumer.CREATED_TIMESTAMP)) {
        throw new InputSchemaException(java.nio.file.Path.of(plan.view.source().location()), field.getName(),
            "view " + plan.name() + " has a key or feature named like a latest-values time column");
      }
    }
    this.deliverySchema = new Schema(fields);
  }

  void deliver(VectorSchemaRoot source, BufferAllocator allocator) {
    try (VectorSchemaRoot entities = entities(source, allocator);
        VectorSchemaRoot result = new PointInTimeJoin(plan).join(entities, source, allocator, true);
        VectorSchemaRoot delivery = VectorSchemaRoot.create(deliverySchema, allocator)) {
      List<FieldVector> parts = new ArrayList<>();
      parts.addAll(entities.getFieldVectors().subList(2, 2 + plan.keyCount));
      List<FieldVector> joined = result.getFieldVectors();
      parts.addAll(joined.subList(1, joined.size() - (withCreated ? 0 : 1)));
      for (int c = 0; c < parts.size(); c++) {
        TransferPair transfer = parts.get(c).makeTransferPair(delivery.getVector(c));
        transfer.transfer();
      }
      int n = entities.getRowCount();
      delivery.setRowCount(n);
      for (int from = 0; from < n; from += batchRows) {
        int length = Math.min(batchRows, n - from);
        VectorSchemaRoot slice = delivery.slice(from, length);
        try {
          synchronized (consumer) {
            consumer.accept(slice);
          }
        } catch (ParityException e) {
          // The consumer's own error (an online store outage, a bad value) is the caller's to see as is.
          throw e;
        } catch (RuntimeException e) {
          throw new OfflineException("latest values consumer failed: " + e, e);
        } finally {
          if (slice != delivery) {
            slice.close();
          }
        }
      }
    }
  }

  private VectorSchemaRoot entities(VectorSchemaRoot source, BufferAllocator allocator) {
    VectorSchemaRoot entities = VectorSchemaRoot.create(plan.entitySchema, allocator);
    try {
      List<FieldVector> keys = source.getFieldVectors().subList(0, plan.keyCount);
      TimeStampMicroTZVector ts = (TimeStampMicroTZVector) source.getVector(plan.tsColumn());
      BigIntVector row = (BigIntVector) entities.getVector(0);
      TimeStampMicroTZVector t = (TimeStampMicroTZVector) entities.getVector(1);
      // A single int64 key (the common case) is deduplicated in a primitive map, without boxing.
      int rows = source.getRowCount();
      boolean int64 = keys.size() == 1 && keys.get(0) instanceof BigIntVector;
      long[] keyValues = int64 ? Vectors.longs(keys.get(0), rows) : null;
      LongIntMap seenLongs = int64 ? new LongIntMap(rows) : null;
      Set<Object> seen = int64 ? null : new HashSet<>();
      long[] times = Vectors.longs(ts, rows);
      int n = 0;
      for (int i = 0; i < rows; i++) {
        long time = times[i];
        if (time < start || time > end) {
          continue;
        }
        if (int64) {
          int before = seenLongs.size();
          seenLongs.idOf(keyValues[i]);
          if (seenLongs.size() == before) {
            continue;
          }
        } else if (!seen.add(PointInTimeJoin.key(keys, i))) {
          continue;
        }
        row.setSafe(n, n);
        t.setSafe(n, end);
        for (int k = 0; k < plan.keyCount; k++) {
          entities.getVector(2 + k).copyFromSafe(i, n, keys.get(k));
        }
        n++;
      }
      entities.setRowCount(n);
      return entities;
    } catch (RuntimeException e) {
      entities.close();
      throw e;
    }
  }
}
