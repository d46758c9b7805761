package dev.parity.offline.sample;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What {@link SampleDataGenerator} generates: a seed and the size of each table. The same options
 * always produce byte-identical files.
 *
 * @param seed seeds every random choice
 * @param drivers driver ids {@code 1001 .. 1000 + drivers}; the last 5% (at least one) have no
 *     data at all; at least 20
 * @param statsRows total rows of {@code driver_stats}, edge-case rows included; at least one per
 *     driver with data, at most 720 (one per hour of the 30 days) plus edge-case rows
 * @param trips total rows of {@code trips}, spread evenly over drivers with data
 * @param entityRows rows of the entity table {@code entities.parquet}
 * @param customers customer ids {@code 5001 .. 5000 + customers}, each with 1–3 profile rows
 * @param dataEnd event times lie in the 30 days before it; a whole hour ({@link #DEFAULT_DATA_END}
 *     unless data relative to today is wanted, as in the quickstart)
 */
public record SampleDataOptions(
    long seed, int drivers, long statsRows, long trips, long entityRows, int customers, Instant dataEnd) {

  /** The end of the data of {@code examples/drivers} as committed in tests and benchmarks. */
  public static final Instant DEFAULT_DATA_END = Instant.parse("2026-01-31T00:00:00Z");

  /** Hours in the 30 days of data: the most base stats rows a driver can have. */
  static final int HOURS = 30 * 24;

  public SampleDataOptions {
    requireNonNull(dataEnd, "dataEnd is null");
    if (dataEnd.getEpochSecond() % 3600 != 0 || dataEnd.getNano() != 0) {
      throw new IllegalArgumentException("the data end must be a whole hour (UTC): " + dataEnd);
    }
    if (drivers < 20) {
      throw new IllegalArgumentException("drivers must be at least 20: " + drivers);
    }
    if (customers < 1) {
      throw new IllegalArgumentException("customers must be positive: " + customers);
    }
    if (trips < 0 || entityRows < 0) {
      throw new IllegalArgumentException(
          "trips and entity rows must not be negative: " + trips + ", " + entityRows);
    }
    SamplePlan plan = new SamplePlan(seed, drivers, statsRows, trips, customers, SamplePlan.micros(dataEnd));
    long base = plan.baseStatsRows();
    if (base < plan.statsDrivers() || base > (long) HOURS * plan.statsDrivers()) {
      throw new IllegalArgumentException(
          "stats rows must be between " + (plan.statsDrivers() + plan.extraStatsRows()) + " and "
              + ((long) HOURS * plan.statsDrivers() + plan.extraStatsRows()) + " for " + drivers
              + " drivers: " + statsRows);
    }
  }

  /** Options ending at {@link #DEFAULT_DATA_END}. */
  public SampleDataOptions(long seed, int drivers, long statsRows, long trips, long entityRows, int customers) {
    this(seed, drivers, statsRows, trips, entityRows, customers, DEFAULT_DATA_END);
  }

  /** A few thousand rows, generated in well under a second: tests and the quickstart. */
  public static SampleDataOptions small(long seed) {
    return new SampleDataOptions(seed, 200, 4_000, 5_000, 2_000, 100);
  }

  /** 1M stats rows over 100k drivers, 1M trips, 1M entity rows: benchmarks. */
  public static SampleDataOptions bench(long seed) {
    return new SampleDataOptions(seed, 100_000, 1_000_000, 1_000_000, 1_000_000, 50_000);
  }

  /** The same options with event times in the 30 days before {@code value} (a whole hour). */
  public SampleDataOptions withDataEnd(Instant value) {
    return new SampleDataOptions(seed, drivers, statsRows, trips, entityRows, customers, value);
  }

  public SampleDataOptions withDrivers(int value) {
    return new SampleDataOptions(seed, value, statsRows, trips, entityRows, customers, dataEnd);
  }

  public SampleDataOptions withStatsRows(long value) {
    return new SampleDataOptions(seed, drivers, value, trips, entityRows, customers, dataEnd);
  }

  public SampleDataOptions withTrips(long value) {
    return new SampleDataOptions(seed, drivers, statsRows, value, entityRows, customers, dataEnd);
  }

  public SampleDataOptions withEntityRows(long value) {
    return new SampleDataOptions(seed, drivers, statsRows, trips, value, customers, dataEnd);
  }

  public SampleDataOptions withCustomers(int value) {
    return new SampleDataOptions(seed, drivers, statsRows, trips, entityRows, value, dataEnd);
  }

  SamplePlan plan() {
    return new SamplePlan(seed, drivers, statsRows, trips, customers, SamplePlan.micros(dataEnd));
  }
}
