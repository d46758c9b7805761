package dev.parity.offline.spark.job;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The job's {@code materialize} command line: {@code materialize [-r DIR] --end TS [--start TS]
 * [--views A,B] [--view-start VIEW=TS]... [--now TS] [--expiry-grace DURATION]}: the {@code parity
 * materialize} flags, with {@code --start} optional (without it, from the beginning), plus what the
 * launching command decided: {@code --view-start} a view's own start ({@code parity
 * materialize-incremental} continues each view where its last run ended, which the metadata store
 * the job does not open says), {@code --now} the instant of the future-time limit and {@code
 * --expiry-grace} the online store's grace (ISO-8601, {@code PT1H} by default).
 *
 * @param repository the feature repository directory
 * @param views the views to materialize, in order; empty: every online view
 * @param start the start of the views without a start of their own; empty: from the beginning
 * @param viewStarts views' own starts
 * @param end T
 * @param now the instant of the future-time limit, if not the job's clock
 * @param expiryGrace the online store's expiry grace, if not its default
 */
record MaterializeArguments(Path repository, Optional<List<String>> views, Optional<Instant> start,
    Map<String, Instant> viewStarts, Instant end, Optional<Instant> now, Optional<Duration> expiryGrace) {
  static final String COMMAND = "materialize";
  static final String USAGE = "usage: materialize [-r DIR] --end TS [--start TS] [--views A,B]"
      + " [--view-start VIEW=TS]... [--now TS] [--expiry-grace DURATION]";
  private static final Set<String> VALUED =
      Set.of("-r", "--repo", "--start", "--end", "--views", "--now", "--expiry-grace");

  MaterializeArguments {
    requireNonNull(repository, "repository is null");
    requireNonNull(views, "views is null");
    requireNonNull(start, "start is null");
    viewStarts = Map.copyOf(viewStarts);
    requireNonNull(end, "end is null");
    requireNonNull(now, "now is null");
    requireNonNull(expiryGrace, "expiryGrace is null");
  }

  /** Where {@code view}'s interval starts: its own start, else the common one. */
  Optional<Instant> startOf(String view) {
    return Optional.ofNullable(viewStarts.get(view)).or(() -> start);
  }

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException naming the flag at fault, with the usage
   */
  static MaterializeArguments parse(String... args) {
    Flags flags = Flags.parse(COMMAND, USAGE, args, VALUED, Set.of("--view-start"), Set.of());
    Map<String, Instant> viewStarts = new LinkedHashMap<>();
    for (String entry : flags.all("--view-start")) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw flags.usage("--view-start '" + entry + "' is not VIEW=TIMESTAMP");
      }
      if (viewStarts.put(entry.substring(0, eq), flags.timestamp("--view-start", entry.substring(eq + 1))) != null) {
        throw flags.usage("--view-start gives " + entry.substring(0, eq) + " twice");
      }
    }
    Instant end = flags.timestamp("--end", flags.required("--end"));
    return new MaterializeArguments(Path.of(flags.value("--repo").orElse(".")), flags.commaList("--views"),
        flags.timestamp("--start"), viewStarts, end, flags.timestamp("--now"), flags.duration("--expiry-grace"));
  }
}
