package dev.parity.offline.sample;

import static dev.parity.offline.sample.SamplePlan.DAY;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The {@code trips} of one driver, a pure function of {@code (seed, driver)}: uniform millisecond
 * times over the 30 days (sorted), a random customer each, distances of 0.5–25.5 km and fares that
 * grow with distance; 1% of fares are null ({@code NaN}).
 */
final class DriverTrips {
  final long firstTripId;
  final long[] event;
  final long[] customerId;
  final double[] distanceKm;
  final double[] fare;

  private DriverTrips(SamplePlan plan, int driver) {
    SplittableRandom rng = new SplittableRandom(SamplePlan.mix(plan.seed(), SamplePlan.TRIPS_STREAM, driver));
    int n = plan.tripsOf(driver);
    firstTripId = 1 + plan.tripsBefore(driver);
    event = new long[n];
    customerId = new long[n];
    distanceKm = new double[n];
    fare = new double[n];
    for (int k = 0; k < n; k++) {
      long micros = rng.nextLong(30 * DAY);
      event[k] = plan.dataStart() + micros - micros % 1_000;
    }
    Arrays.sort(event);
    for (int k = 0; k < n; k++) {
      customerId[k] = SamplePlan.FIRST_CUSTOMER_ID + rng.nextInt(plan.customers());
      distanceKm[k] = cents(0.5 + 25 * rng.nextDouble());
      fare[k] = rng.nextDouble() < 0.01 ? Double.NaN : cents(2.5 + 1.4 * distanceKm[k] + 3 * rng.nextDouble());
    }
  }

  static DriverTrips of(SamplePlan plan, int driver) {
    return new DriverTrips(plan, driver);
  }

  int size() {
    return event.length;
  }

  boolean hasTripAt(long t) {
    return Arrays.binarySearch(event, t) >= 0;
  }

  private static double cents(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
