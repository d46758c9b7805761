package dev.parity.offline.sample;

import java.time.Instant;

/**
 * The arithmetic every part of the generator shares: the time frame, which drivers carry which
 * edge case, and how rows are spread over drivers. Everything about one driver derives from
 * {@code (seed, driver index)} alone, so a driver's rows can be regenerated in any order: the
 * entity table recomputes a driver's stats to know what a point-in-time join must return, without
 * holding the stats in memory.
 */
record SamplePlan(long seed, int drivers, long statsRows, long trips, int customers, long dataEnd) {
  static final long SECOND = 1_000_000L;
  static final long MINUTE = 60 * SECOND;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;
  /** Days of data: event times lie in {@code [dataEnd - DAYS, dataEnd)}. */
  static final int DAYS = 30;
  /** The ttl of {@code driver_hourly_stats} in examples/drivers. */
  static final long STATS_TTL = 2 * DAY;
  static final long FIRST_DRIVER_ID = 1001;
  static final long FIRST_CUSTOMER_ID = 5001;
  static final int STATS_FILES = 4;

  // Random streams: one per table kind, so adding rows to one table never shifts another.
  static final long STATS_STREAM = 1;
  static final long TRIPS_STREAM = 2;
  static final long CUSTOMER_STREAM = 3;
  static final long ENTITY_STREAM = 4;

  /** The first instant of data, in epoch microseconds: {@link #DAYS} days before {@code dataEnd}. */
  long dataStart() {
    return dataEnd - DAYS * DAY;
  }

  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), SECOND), instant.getNano() / 1_000);
  }

  /** Drivers {@code [statsDrivers, drivers)} have no stats and no trips. */
  int statsDrivers() {
    return drivers - Math.max(1, drivers / 20);
  }

  int driversWithoutData() {
    return drivers - statsDrivers();
  }

  static boolean hasTieRow(int driver) {
    return driver % 10 == 0;
  }

  static boolean hasLateRow(int driver) {
    return driver % 10 == 3;
  }

  static boolean hasCrossFileDuplicate(int driver) {
    return driver % 10 == 5;
  }

  private static long countBelow(int n, int residue) {
    return n <= residue ? 0 : (n - residue + 9) / 10;
  }

  long tieRows() {
    return countBelow(statsDrivers(), 0);
  }

  long crossFileDuplicates() {
    return countBelow(statsDrivers(), 5);
  }

  long lateRows() {
    return countBelow(statsDrivers(), 3);
  }

  long extraStatsRows() {
    return tieRows() + crossFileDuplicates();
  }

  /** Stats rows before the edge-case extras: one per distinct hour of a driver. */
  long baseStatsRows() {
    return statsRows - extraStatsRows();
  }

  int baseStatsRowsOf(int driver) {
    return (int) share(baseStatsRows(), driver);
  }

  int tripsOf(int driver) {
    return (int) share(trips, driver);
  }

  /** Trips of drivers before {@code driver}: trip ids are consecutive per driver. */
  long tripsBefore(int driver) {
    long each = trips / statsDrivers();
    return each * driver + Math.min(driver, trips % statsDrivers());
  }

  private long share(long total, int driver) {
    long each = total / statsDrivers();
    return each + (driver < total % statsDrivers() ? 1 : 0);
  }

  static long driverId(int driver) {
    return FIRST_DRIVER_ID + driver;
  }

  /** A 64-bit seed for stream {@code stream}, item {@code index}: SplitMix64's finalizer. */
  static long mix(long seed, long stream, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
