package dev.parity.offline.sample;

import static dev.parity.offline.sample.SamplePlan.DAY;
import static dev.parity.offline.sample.SamplePlan.MINUTE;
import static dev.parity.offline.sample.SamplePlan.SECOND;

import dev.parity.definitions.DataType;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.CsvFiles;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the three sources: driver-major and streaming, so memory holds one driver's rows plus
 * one row group per open file. Several files of a source are open at once; a file is committed
 * only when all are complete, and an exception leaves none behind.
 */
final class SourceTables {
  static final List<Column> STATS_COLUMNS =
      List.of(
          Column.required("driver_id", DataType.INT64),
          Column.required("event_timestamp", DataType.TIMESTAMP),
          Column.required("created", DataType.TIMESTAMP),
          Column.optional("conv_rate", DataType.FLOAT64),
          Column.optional("acc_rate", DataType.FLOAT64),
          Column.optional("avg_daily_trips", DataType.INT64),
          Column.optional("vehicle_type", DataType.STRING));
  static final List<Column> TRIPS_COLUMNS =
      List.of(
          Column.required("trip_id", DataType.INT64),
          Column.required("driver_id", DataType.INT64),
          Column.required("customer_id", DataType.INT64),
          Column.required("event_timestamp", DataType.TIMESTAMP),
          Column.required("distance_km", DataType.FLOAT64),
          Column.optional("fare", DataType.FLOAT64));
  static final List<Column> CUSTOMER_COLUMNS =
      List.of(
          Column.required("customer_id", DataType.INT64),
          Column.optional("current_balance", DataType.FLOAT64),
          Column.optional("lifetime_trip_count", DataType.INT64),
          Column.optional("segment", DataType.STRING),
          Column.required("event_timestamp", DataType.TIMESTAMP),
          Column.required("created", DataType.TIMESTAMP));
  /** A segment with a comma, so the CSV exercises RFC 4180 quoting. */
  static final String[] SEGMENTS = {"bronze", "silver", "gold", "platinum, invite-only"};
  static final int TRIP_FILES = 2;

  private SourceTables() {}

  static void writeDriverStats(SamplePlan plan, Path dir, Tally tally, GenerationProgress progress) {
    List<RowWriter> files = open(dir, SamplePlan.STATS_FILES, STATS_COLUMNS);
    try {
      for (int d = 0; d < plan.statsDrivers(); d++) {
        DriverStats stats = DriverStats.of(plan, d);
        for (int k = 0; k < stats.size; k++) {
          RowWriter out = files.get(stats.file[k]);
          out.setLong(0, SamplePlan.driverId(d))
              .setTimestampMicros(1, stats.event[k])
              .setTimestampMicros(2, stats.created[k]);
          setNullableDouble(out, 3, stats.convRate[k]);
          setNullableDouble(out, 4, stats.accRate[k]);
          if (stats.avgDailyTrips[k] < 0) {
            out.setNull(5);
          } else {
            out.setLong(5, stats.avgDailyTrips[k]);
          }
          out.setString(6, stats.vehicleType).endRow();
          tally.nullConvRate += Double.isNaN(stats.convRate[k]) ? 1 : 0;
          tally.nullAccRate += Double.isNaN(stats.accRate[k]) ? 1 : 0;
          tally.nullAvgDailyTrips += stats.avgDailyTrips[k] < 0 ? 1 : 0;
          tally.statsLateRows += stats.created[k] - stats.event[k] > DAY ? 1 : 0;
          progress.advance("driver_stats");
        }
        tally.statsRows += stats.size;
        tally.statsTieRows += SamplePlan.hasTieRow(d) ? 1 : 0;
        tally.statsCrossFileDuplicates += SamplePlan.hasCrossFileDuplicate(d) ? 1 : 0;
      }
      commitAll(files);
    } catch (RuntimeException e) {
      closeAll(files, e);
      throw e;
    }
    closeAll(files, null);
    tally.driversWithoutData = plan.driversWithoutData();
  }

  /** Trips go to two files by event time: the first 15 days, then the rest. */
  static void writeTrips(SamplePlan plan, Path dir, Tally tally, GenerationProgress progress) {
    List<RowWriter> files = open(dir, TRIP_FILES, TRIPS_COLUMNS);
    long split = plan.dataStart() + 15 * DAY;
    try {
      for (int d = 0; d < plan.statsDrivers(); d++) {
        DriverTrips trips = DriverTrips.of(plan, d);
        for (int k = 0; k < trips.size(); k++) {
          RowWriter out = files.get(trips.event[k] < split ? 0 : 1);
          out.setLong(0, trips.firstTripId + k)
              .setLong(1, SamplePlan.driverId(d))
              .setLong(2, trips.customerId[k])
              .setTimestampMicros(3, trips.event[k])
              .setDouble(4, trips.distanceKm[k]);
          setNullableDouble(out, 5, trips.fare[k]);
          out.endRow();
          tally.nullFares += Double.isNaN(trips.fare[k]) ? 1 : 0;
          progress.advance("trips");
        }
        tally.tripRows += trips.size();
      }
      commitAll(files);
    } catch (RuntimeException e) {
      closeAll(files, e);
      throw e;
    }
    closeAll(files, null);
  }

  /** 1–3 profile snapshots per customer in distinct 10-day-ish slots, at whole seconds. */
  static void writeCustomerProfiles(SamplePlan plan, Path csv, Tally tally, GenerationProgress progress) {
    try (RowWriter out = CsvFiles.create(csv, CUSTOMER_COLUMNS)) {
      for (int c = 0; c < plan.customers(); c++) {
        SplittableRandom rng =
            new SplittableRandom(SamplePlan.mix(plan.seed(), SamplePlan.CUSTOMER_STREAM, c));
        int snapshots = 1 + rng.nextInt(3);
        long trips = rng.nextInt(50);
        double balance = rng.nextDouble() * 500 - 50;
        for (int k = 0; k < snapshots; k++) {
          long slot = 30 * DAY / snapshots;
          long event = plan.dataStart() + k * slot + rng.nextLong(slot / SECOND) * SECOND;
          trips += rng.nextInt(20);
          balance += rng.nextDouble() * 100 - 40;
          out.setLong(0, SamplePlan.FIRST_CUSTOMER_ID + c);
          boolean nullBalance = rng.nextDouble() < 0.03;
          setNullableDouble(out, 1, nullBalance ? Double.NaN : Math.round(balance * 100) / 100.0);
          out.setLong(2, trips);
          boolean nullSegment = rng.nextDouble() < 0.02;
          out.setString(3, nullSegment ? null : SEGMENTS[rng.nextInt(SEGMENTS.length)]);
          out.setTimestampMicros(4, event)
              .setTimestampMicros(5, event + rng.nextLong(1, 10 * MINUTE / SECOND) * SECOND)
              .endRow();
          tally.nullBalances += nullBalance ? 1 : 0;
          tally.nullSegments += nullSegment ? 1 : 0;
          progress.advance("customer_profile");
        }
      }
      tally.customerProfileRows = out.rowCount();
      out.commit();
    }
  }

  static void setNullableDouble(RowWriter out, int column, double value) {
    if (Double.isNaN(value)) {
      out.setNull(column);
    } else {
      out.setDouble(column, value);
    }
  }

  private static List<RowWriter> open(Path dir, int count, List<Column> columns) {
    List<RowWriter> files = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        Path file = dir.resolve(String.format("part-%05d.parquet", i));
        files.add(ParquetFiles.create(file, columns, ParquetWriteOptions.defaults()));
      }
      return files;
    } catch (RuntimeException e) {
      closeAll(files, e);
      throw e;
    }
  }

  private static void commitAll(List<RowWriter> files) {
    for (RowWriter file : files) {
      file.commit();
    }
  }

  /**
   * Closes every writer even if one throws, discarding those not committed. Failures are added
   * to {@code primary} when there is one (it is being thrown), else the first is thrown.
   */
  private static void closeAll(List<RowWriter> files, RuntimeException primary) {
    RuntimeException failure = primary;
    for (RowWriter file : files) {
      try {
        file.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null && failure != primary) {
      throw failure;
    }
  }
}
