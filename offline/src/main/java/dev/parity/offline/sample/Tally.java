package dev.parity.offline.sample;

/** Counts gathered while writing, turned into a {@link SampleDataSummary} at the end. */
final class Tally {
  long statsRows;
  long statsTieRows;
  long statsCrossFileDuplicates;
  long statsLateRows;
  long nullConvRate;
  long nullAccRate;
  long nullAvgDailyTrips;
  long driversWithoutData;
  long tripRows;
  long nullFares;
  long customerProfileRows;
  long nullBalances;
  long nullSegments;
  long entityRows;
  long entityRowsWithoutData;
  long entityRowsBeforeData;
  long entityRowsOutsideTtl;
  long entityRowsAtTtlBoundary;
  long entityRowsWithinTtl;
  long entityDuplicateRows;
  long entityRowsWithTripAtTime;
  long entityRowsWithTripAtDayBefore;
  long trueLabels;

  SampleDataSummary toSummary() {
    return new SampleDataSummary(
        statsRows, statsTieRows, statsCrossFileDuplicates, statsLateRows, nullConvRate,
        nullAccRate, nullAvgDailyTrips, driversWithoutData, tripRows, nullFares,
        customerProfileRows, nullBalances, nullSegments, entityRows, entityRowsWithoutData,
        entityRowsBeforeData, entityRowsOutsideTtl, entityRowsAtTtlBoundary, entityRowsWithinTtl,
        entityDuplicateRows, entityRowsWithTripAtTime, entityRowsWithTripAtDayBefore, trueLabels);
  }
}
