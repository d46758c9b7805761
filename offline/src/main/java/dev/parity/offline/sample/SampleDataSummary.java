package dev.parity.offline.sample;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link SampleDataGenerator#generate} wrote, with the exact number of each deliberate edge
 * case, so tests of the offline engine can assert against known counts.
 *
 * @param statsRows rows of {@code data/driver_stats/} (all files)
 * @param statsTieRows extra stats rows sharing (driver, event time) with another row but created
 *     later
 * @param statsCrossFileDuplicates extra stats rows equal on (driver, event time, created) to a row
 *     in another file
 * @param statsLateRows stats rows created more than a day after their event time
 * @param nullConvRate stats rows with a null {@code conv_rate}
 * @param nullAccRate stats rows with a null {@code acc_rate}
 * @param nullAvgDailyTrips stats rows with a null {@code avg_daily_trips}
 * @param driversWithoutData drivers with neither stats nor trips
 * @param tripRows rows of {@code data/trips/}
 * @param nullFares trips with a null {@code fare}
 * @param customerProfileRows rows of {@code data/customer_profile.csv}
 * @param nullBalances profiles with a null {@code current_balance}
 * @param nullSegments profiles with a null {@code segment}
 * @param entityRows rows of {@code data/entities.parquet}
 * @param entityRowsWithoutData entity rows whose driver has no stats at all
 * @param entityRowsBeforeData entity rows earlier than their driver's first stats row
 * @param entityRowsOutsideTtl entity rows whose driver's latest stats row at or before the row's
 *     time is older than the 2d ttl
 * @param entityRowsAtTtlBoundary entity rows whose latest stats row is exactly {@code T - 2d}
 *     (included: the window is closed)
 * @param entityRowsWithinTtl entity rows whose latest stats row is in {@code (T - 2d, T]}
 * @param entityDuplicateRows entity rows that repeat an earlier row exactly
 * @param entityRowsWithTripAtTime entity rows whose driver has a trip exactly at T (inside every
 *     aggregation window)
 * @param entityRowsWithTripAtDayBefore entity rows whose driver has a trip exactly at T - 1d
 *     (outside the 1d windows, which are open at the start)
 * @param trueLabels entity rows labelled true
 */
public record SampleDataSummary(
    long statsRows,
    long statsTieRows,
    long statsCrossFileDuplicates,
    long statsLateRows,
    long nullConvRate,
    long nullAccRate,
    long nullAvgDailyTrips,
    long driversWithoutData,
    long tripRows,
    long nullFares,
    long customerProfileRows,
    long nullBalances,
    long nullSegments,
    long entityRows,
    long entityRowsWithoutData,
    long entityRowsBeforeData,
    long entityRowsOutsideTtl,
    long entityRowsAtTtlBoundary,
    long entityRowsWithinTtl,
    long entityDuplicateRows,
    long entityRowsWithTripAtTime,
    long entityRowsWithTripAtDayBefore,
    long trueLabels) {

  /** The counts by name, in declaration order, for printing. */
  public Map<String, Long> asMap() {
    Map<String, Long> map = new LinkedHashMap<>();
    for (var component : SampleDataSummary.class.getRecordComponents()) {
      try {
        map.put(component.getName(), (Long) component.getAccessor().invoke(this));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component.getName(), e);
      }
    }
    return map;
  }
}
