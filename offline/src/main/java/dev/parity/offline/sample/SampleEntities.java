package dev.parity.offline.sample;

import static dev.parity.offline.sample.SamplePlan.DAY;
import static dev.parity.offline.sample.SamplePlan.STATS_TTL;

import dev.parity.definitions.DataType;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes {@code entities.parquet}: rows in random driver order, each row's time chosen to land in
 * a known case (see {@link SampleDataGenerator}). The case each row really falls in is computed
 * from the driver's regenerated stats and trips, so the counts are exact whatever the draw.
 *
 * <p>Labels follow the driver's point-in-time {@code conv_rate} and {@code val_to_add} through a
 * logistic curve, so a model trained on the joined features can learn something.
 */
final class SampleEntities {
  static final List<Column> COLUMNS =
      List.of(
          Column.required("driver_id", DataType.INT64),
          Column.required("customer_id", DataType.INT64),
          Column.required("event_timestamp", DataType.TIMESTAMP),
          Column.required("val_to_add", DataType.INT64),
          Column.required("label", DataType.BOOL));
  /** Recent rows an exact duplicate may copy; it lives this far back at most. */
  private static final int RECENT = 32;

  private final SamplePlan plan;
  private final SplittableRandom rng;
  private final Tally tally;
  // The recent rows, a ring: driver index, customer, time, val_to_add, label.
  private final int[] recentDriver = new int[RECENT];
  private final long[] recentCustomer = new long[RECENT];
  private final long[] recentTime = new long[RECENT];
  private final long[] recentVal = new long[RECENT];
  private final boolean[] recentLabel = new boolean[RECENT];
  private long written;

  private SampleEntities(SamplePlan plan, Tally tally) {
    this.plan = plan;
    this.tally = tally;
    this.rng = new SplittableRandom(SamplePlan.mix(plan.seed(), SamplePlan.ENTITY_STREAM, 0));
  }

  static void write(SamplePlan plan, long rows, Path file, Tally tally, GenerationProgress progress) {
    SampleEntities table = new SampleEntities(plan, tally);
    try (RowWriter out = ParquetFiles.create(file, COLUMNS, ParquetWriteOptions.defaults())) {
      for (long i = 0; i < rows; i++) {
        table.next(out);
        progress.advance("entities");
      }
      out.commit();
    }
  }

  private void next(RowWriter out) {
    int kind = rng.nextInt(100);
    if (kind >= 13 && kind <= 15 && written > 0) {
      int r = (int) ((written - 1 - rng.nextInt((int) Math.min(written, RECENT))) % RECENT);
      tally.entityDuplicateRows++;
      int driver = recentDriver[r];
      emit(out, driver, recentCustomer[r], recentTime[r], recentVal[r], recentLabel[r]);
      classify(stats(driver), trips(driver), recentTime[r]);
      return;
    }
    int statsDrivers = plan.statsDrivers();
    int driver = kind <= 3
        ? statsDrivers + rng.nextInt(plan.driversWithoutData())
        : rng.nextInt(statsDrivers);
    DriverStats stats = stats(driver);
    DriverTrips trips = trips(driver);
    long time = chooseTime(kind, stats, trips);
    long customer = SamplePlan.FIRST_CUSTOMER_ID + rng.nextInt(plan.customers());
    long valToAdd = rng.nextInt(11);
    double conv = pointInTimeConvRate(stats, time);
    double logit = Double.isNaN(conv) ? -0.6 : 6 * (conv - 0.5) + 0.15 * (valToAdd - 5);
    boolean label = rng.nextDouble() < 1 / (1 + StrictMath.exp(-logit));
    emit(out, driver, customer, time, valToAdd, label);
    classify(stats, trips, time);
  }

  /** The driver's stats, or null for a driver without data. */
  private DriverStats stats(int driver) {
    return driver < plan.statsDrivers() ? DriverStats.of(plan, driver) : null;
  }

  private DriverTrips trips(int driver) {
    return driver < plan.statsDrivers() ? DriverTrips.of(plan, driver) : null;
  }

  private long chooseTime(int kind, DriverStats stats, DriverTrips trips) {
    if (stats == null) {
      return plan.dataStart() + rng.nextLong(30 * DAY);
    }
    if (kind <= 6) {
      return stats.lastEvent() + STATS_TTL;
    }
    if (kind <= 9) {
      return stats.lastEvent() + STATS_TTL + rng.nextLong(1, 5 * DAY);
    }
    if (kind <= 12) {
      return plan.dataStart() - rng.nextLong(1, 10 * DAY);
    }
    if (kind <= 20 && trips.size() > 0) {
      long trip = trips.event[rng.nextInt(trips.size())];
      return kind <= 18 ? trip + DAY : trip;
    }
    return stats.event[rng.nextInt(stats.baseRows)] + rng.nextLong(STATS_TTL);
  }

  /** The conv_rate a point-in-time join must return; NaN when null or no row qualifies. */
  private static double pointInTimeConvRate(DriverStats stats, long time) {
    if (stats == null) {
      return Double.NaN;
    }
    int latest = stats.latestBaseRowAtOrBefore(time);
    if (latest < 0 || stats.event[latest] < time - STATS_TTL) {
      return Double.NaN;
    }
    return stats.convRate[stats.winnerAt(stats.event[latest])];
  }

  private void emit(RowWriter out, int driver, long customer, long time, long val, boolean label) {
    out.setLong(0, SamplePlan.driverId(driver))
        .setLong(1, customer)
        .setTimestampMicros(2, time)
        .setLong(3, val)
        .setBoolean(4, label)
        .endRow();
    int r = (int) (written % RECENT);
    recentDriver[r] = driver;
    recentCustomer[r] = customer;
    recentTime[r] = time;
    recentVal[r] = val;
    recentLabel[r] = label;
    written++;
    tally.entityRows++;
    tally.trueLabels += label ? 1 : 0;
  }

  private void classify(DriverStats stats, DriverTrips trips, long time) {
    if (stats == null) {
      tally.entityRowsWithoutData++;
      return;
    }
    int latest = stats.latestBaseRowAtOrBefore(time);
    if (latest < 0) {
      tally.entityRowsBeforeData++;
    } else if (stats.event[latest] < time - STATS_TTL) {
      tally.entityRowsOutsideTtl++;
    } else if (stats.event[latest] == time - STATS_TTL) {
      tally.entityRowsAtTtlBoundary++;
    } else {
      tally.entityRowsWithinTtl++;
    }
    tally.entityRowsWithTripAtTime += trips.hasTripAt(time) ? 1 : 0;
    tally.entityRowsWithTripAtDayBefore += trips.hasTripAt(time - DAY) ? 1 : 0;
  }
}
