package dev.parity.offline.sample;

import static dev.parity.offline.sample.SamplePlan.DAY;
import static dev.parity.offline.sample.SamplePlan.HOUR;
import static dev.parity.offline.sample.SamplePlan.MINUTE;
import static dev.parity.offline.sample.SamplePlan.SECOND;
import static dev.parity.offline.sample.SamplePlan.STATS_FILES;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The {@code driver_stats} rows of one driver, a pure function of {@code (seed, driver)}.
 *
 * <p>Rows {@code [0, baseRows)} fall on distinct hours in time order, created 1–15 minutes after
 * their event; the edge-case rows follow: a tie (same event time as a base row, created 30 min–2 h
 * later, other values) for drivers {@code % 10 == 0}, and an exact duplicate of a base row's
 * (event, created) in a different file for drivers {@code % 10 == 5}. Drivers {@code % 10 == 3}
 * have one late row: created 1–4 days after its event. Null values are {@code NaN} (doubles) or
 * {@code -1} (trips).
 */
final class DriverStats {
  static final String[] VEHICLES = {"sedan", "suv", "van"};

  final int baseRows;
  final int size;
  final long[] event;
  final long[] created;
  final double[] convRate;
  final double[] accRate;
  final long[] avgDailyTrips;
  final int[] file;
  final String vehicleType;
  private final double quality;

  private DriverStats(SamplePlan plan, int driver) {
    SplittableRandom rng = new SplittableRandom(SamplePlan.mix(plan.seed(), SamplePlan.STATS_STREAM, driver));
    baseRows = plan.baseStatsRowsOf(driver);
    int extras = (SamplePlan.hasTieRow(driver) ? 1 : 0) + (SamplePlan.hasCrossFileDuplicate(driver) ? 1 : 0);
    size = baseRows + extras;
    event = new long[size];
    created = new long[size];
    convRate = new double[size];
    accRate = new double[size];
    avgDailyTrips = new long[size];
    file = new int[size];
    quality = 0.15 + 0.75 * rng.nextDouble();
    vehicleType = VEHICLES[rng.nextInt(VEHICLES.length)];
    for (int k = 0; k < baseRows; k++) {
      // One hour from each of baseRows equal slots of the 720 hours: distinct and sorted.
      int lo = (int) ((long) k * SampleDataOptions.HOURS / baseRows);
      int hi = (int) ((long) (k + 1) * SampleDataOptions.HOURS / baseRows);
      event[k] = plan.dataStart() + (lo + rng.nextInt(hi - lo)) * HOUR;
      created[k] = event[k] + rng.nextLong(MINUTE, 15 * MINUTE);
      values(k, rng);
      file[k] = rng.nextInt(STATS_FILES);
    }
    if (SamplePlan.hasLateRow(driver)) {
      int k = baseRows / 2;
      created[k] = event[k] + DAY + rng.nextLong(SECOND, 3 * DAY);
    }
    int next = baseRows;
    if (SamplePlan.hasTieRow(driver)) {
      int j = rng.nextInt(baseRows);
      event[next] = event[j];
      created[next] = created[j] + rng.nextLong(30 * MINUTE, 2 * HOUR);
      values(next, rng);
      file[next] = rng.nextInt(STATS_FILES);
      next++;
    }
    if (SamplePlan.hasCrossFileDuplicate(driver)) {
      int j = rng.nextInt(baseRows);
      event[next] = event[j];
      created[next] = created[j];
      values(next, rng);
      file[next] = (file[j] + 1 + rng.nextInt(STATS_FILES - 1)) % STATS_FILES;
    }
  }

  static DriverStats of(SamplePlan plan, int driver) {
    return new DriverStats(plan, driver);
  }

  private void values(int k, SplittableRandom rng) {
    convRate[k] = rng.nextDouble() < 0.03 ? Double.NaN : clip(quality + (rng.nextDouble() - 0.5) * 0.3);
    accRate[k] = rng.nextDouble() < 0.08 ? Double.NaN : clip(0.45 + 0.5 * quality + (rng.nextDouble() - 0.5) * 0.2);
    avgDailyTrips[k] = rng.nextDouble() < 0.02 ? -1 : (long) (quality * 30) + rng.nextInt(10);
  }

  private static double clip(double x) {
    return Math.max(0.0, Math.min(1.0, x));
  }

  /** The first event time of this driver. */
  long firstEvent() {
    return event[0];
  }

  /** The last event time of this driver. */
  long lastEvent() {
    return event[baseRows - 1];
  }

  /** Index of the base row with the greatest event time {@code <= t}, or -1 if none. */
  int latestBaseRowAtOrBefore(long t) {
    int i = Arrays.binarySearch(event, 0, baseRows, t);
    return i >= 0 ? i : -i - 2;
  }

  /**
   * The row a point-in-time join returns among rows with event time {@code eventTime}: greatest
   * created, then the later file, then the later row in the file.
   */
  int winnerAt(long eventTime) {
    int best = -1;
    for (int k = 0; k < size; k++) {
      if (event[k] != eventTime) {
        continue;
      }
      if (best < 0 || created[k] > created[best]
          || (created[k] == created[best] && file[k] >= file[best])) {
        best = k;
      }
    }
    return best;
  }
}
