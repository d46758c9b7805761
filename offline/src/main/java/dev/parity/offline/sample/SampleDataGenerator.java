package dev.parity.offline.sample;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Generates the data of the {@code examples/drivers} feature repository, deterministically: the
 * same {@link SampleDataOptions} give byte-identical files. No clock is read; data event times lie
 * in the 30 days before {@link SampleDataOptions#dataEnd()}, by default {@code
 * [2026-01-01T00:00:00Z, 2026-01-31T00:00:00Z)}.
 *
 * <p>Files, under {@code DIR/data/} (Parquet zstd, timestamps UTC micros; CSV with ISO-8601):
 *
 * <ul>
 *   <li>{@code driver_stats/part-0000{0..3}.parquet}: {@code driver_id, event_timestamp, created,
 *       conv_rate, acc_rate, avg_daily_trips, vehicle_type}. Hourly rows, each driver's rows on
 *       distinct hours, spread at random over the four files, created 1–15 min after the event.
 *       {@code conv_rate} and {@code acc_rate} lie in [0, 1]; {@code vehicle_type} is one of
 *       sedan, suv, van and never null.
 *   <li>{@code trips/part-0000{0,1}.parquet}: {@code trip_id, driver_id, customer_id,
 *       event_timestamp, distance_km, fare}; the first file holds the first 15 days.
 *   <li>{@code customer_profile.csv}: {@code customer_id, current_balance, lifetime_trip_count,
 *       segment, event_timestamp, created}; 1–3 snapshots per customer; one segment value holds a
 *       comma, so it is quoted.
 *   <li>{@code entities.parquet}: {@code driver_id, customer_id, event_timestamp, val_to_add,
 *       label}, drivers in random order; labels follow the point-in-time {@code conv_rate} and
 *       {@code val_to_add}.
 * </ul>
 *
 * <p>Deliberate edge cases, counted exactly in the returned {@link SampleDataSummary}:
 *
 * <ul>
 *   <li>Ties: for every tenth driver with data (index {@code % 10 == 0}), an extra stats row with
 *       the same (driver, event time) as one of its rows, created 30 min–2 h later, with other
 *       values; it may sit in an earlier file, so created time must beat source order.
 *   <li>Cross-file duplicates: drivers {@code % 10 == 5} get an extra row equal on (driver, event
 *       time, created) to one of theirs, with other values, in a different file: only source order
 *       (files in lexicographic order, rows in file order) decides.
 *   <li>Late rows: drivers {@code % 10 == 3} have one row created 1–4 days after its event.
 *   <li>Nulls: about 3% of {@code conv_rate}, 8% of {@code acc_rate}, 2% of {@code
 *       avg_daily_trips}, 1% of {@code fare}, 3% of {@code current_balance}, 2% of {@code segment}.
 *   <li>The last 5% of drivers (at least one) have no stats and no trips, and about 4% of entity
 *       rows name them.
 *   <li>Entity rows, about 3% each: exactly at the last stats row + 2d (the ttl boundary,
 *       included); after the last stats row + 2d (outside the ttl); before any data (before
 *       the data start); an exact copy of one of the previous 32 rows; exactly 1d after one of the
 *       driver's trips (just outside the 1d windows); and 2% exactly at a trip (inside). The rest
 *       fall within the ttl of a stats row.
 * </ul>
 *
 * <p>Memory is bounded whatever the size: tables are written driver by driver, streaming, and the
 * entity table regenerates a driver's rows from {@code (seed, driver)} when it needs them.
 *
 * <p>Not thread-safe; one generator writes one directory at a time.
 */
public final class SampleDataGenerator {
  private static final long PROGRESS_THRESHOLD = 200_000;

  private final SampleDataOptions options;
  private final PrintStream progressOut;
  private final boolean terminal;

  /**
   * @param options what to generate
   * @param progressOut where progress goes (stderr in the CLI); used only when the tables have at
   *     least 200,000 rows in all
   * @param terminal whether {@code progressOut} is a terminal: one line rewritten in place
   */
  public SampleDataGenerator(SampleDataOptions options, PrintStream progressOut, boolean terminal) {
    this.options = requireNonNull(options, "options is null");
    this.progressOut = requireNonNull(progressOut, "progressOut is null");
    this.terminal = terminal;
  }

  /**
   * Writes the tables under {@code repoDir/data/}, replacing files of the same names atomically.
   *
   * @return the row and edge-case counts of what was written
   * @throws dev.parity.offline.parquet.write.DataWriteException if a file cannot be written; files
   *     already committed stay, the one being written is removed
   */
  public SampleDataSummary generate(Path repoDir) {
    requireNonNull(repoDir, "repoDir is null");
    Path data = repoDir.resolve("data");
    SamplePlan plan = options.plan();
    long customerRowsEstimate = 2L * options.customers();
    long total = options.statsRows() + options.trips() + options.entityRows() + customerRowsEstimate;
    GenerationProgress progress = new GenerationProgress(progressOut, total >= PROGRESS_THRESHOLD, terminal, total);
    Tally tally = new Tally();
    SourceTables.writeDriverStats(plan, data.resolve("driver_stats"), tally, progress);
    SourceTables.writeTrips(plan, data.resolve("trips"), tally, progress);
    SourceTables.writeCustomerProfiles(plan, data.resolve("customer_profile.csv"), tally, progress);
    SampleEntities.write(plan, options.entityRows(), data.resolve("entities.parquet"), tally, progress);
    progress.finish();
    return tally.toSummary();
  }

  /**
   * Command line: {@code --out DIR [--size small|bench] [--seed N] [--drivers N] [--stats-rows N]
   * [--trips N] [--entity-rows N] [--customers N]}. Prints the summary on stdout; exits non-zero
   * with a one-line reason on stderr on bad arguments or failure.
   */
  public static void main(String... args) {
    int code = GeneratorCommand.run(args, System.out, System.err, System.console() != null);
    if (code != 0) {
      System.exit(code);
    }
  }
}
