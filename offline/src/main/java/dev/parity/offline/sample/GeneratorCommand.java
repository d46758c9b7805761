package dev.parity.offline.sample;

import dev.parity.ParityException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/** Parses the generator's command line, runs it and prints the summary. */
final class GeneratorCommand {
  static final String USAGE =
      "usage: SampleDataGenerator --out DIR [--size small|bench] [--seed N] [--drivers N]"
          + " [--stats-rows N] [--trips N] [--entity-rows N] [--customers N] [--end 2026-01-31T00:00:00Z]";

  private GeneratorCommand() {}

  /** Runs the command; returns the process exit code (0 ok, 2 bad arguments, 1 failure). */
  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    Path dir;
    SampleDataOptions options;
    try {
      Parsed parsed = parse(args);
      if (parsed == null) {
        out.println(USAGE);
        return 0;
      }
      dir = parsed.dir;
      options = parsed.options;
    } catch (IllegalArgumentException e) {
      err.println("SampleDataGenerator: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    long start = System.nanoTime();
    SampleDataSummary summary;
    try {
      summary = new SampleDataGenerator(options, err, terminal).generate(dir);
    } catch (ParityException e) {
      err.println("SampleDataGenerator: " + e.getMessage()
          + (e.getCause() != null ? ": " + e.getCause() : ""));
      return 1;
    }
    out.printf("wrote %s (seed %d) in %.2f s%n", dir.resolve("data"), options.seed(),
        (System.nanoTime() - start) / 1e9);
    for (Map.Entry<String, Long> entry : summary.asMap().entrySet()) {
      out.printf("  %-30s %,d%n", entry.getKey(), entry.getValue());
    }
    return 0;
  }

  private record Parsed(Path dir, SampleDataOptions options) {}

  /** The parsed arguments, or null when help was asked for. */
  private static Parsed parse(String[] args) {
    Path dir = null;
    String size = "small";
    long seed = 42;
    Instant end = SampleDataOptions.DEFAULT_DATA_END;
    Map<String, String> overrides = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("-h") || flag.equals("--help")) {
        return null;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--out" -> dir = Path.of(value);
        case "--size" -> size = value;
        case "--seed" -> seed = number(flag, value);
        case "--end" -> end = instant(flag, value);
        case "--drivers", "--stats-rows", "--trips", "--entity-rows", "--customers" ->
            overrides.put(flag, value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    SampleDataOptions preset =
        switch (size) {
          case "small" -> SampleDataOptions.small(seed);
          case "bench" -> SampleDataOptions.bench(seed);
          default -> throw new IllegalArgumentException(
              "--size must be small or bench, not '" + size + "'");
        };
    // All at once: the options are checked as a whole, not after each override.
    SampleDataOptions options =
        new SampleDataOptions(
            seed,
            toInt("--drivers", override(overrides, "--drivers", preset.drivers())),
            override(overrides, "--stats-rows", preset.statsRows()),
            override(overrides, "--trips", preset.trips()),
            override(overrides, "--entity-rows", preset.entityRows()),
            toInt("--customers", override(overrides, "--customers", preset.customers())),
            end);
    return new Parsed(dir, options);
  }

  private static long override(Map<String, String> overrides, String flag, long preset) {
    String value = overrides.get(flag);
    return value == null ? preset : number(flag, value);
  }

  private static long number(String flag, String value) {
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs an integer, not '" + value + "'", e);
    }
  }

  private static Instant instant(String flag, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(flag + " needs an ISO-8601 UTC time such as 2026-01-31T00:00:00Z, not '"
          + value + "'", e);
    }
  }

  private static int toInt(String flag, long n) {
    if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
      throw new IllegalArgumentException(flag + " is too large: " + n);
    }
    return (int) n;
  }
}
