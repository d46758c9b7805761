package dev.parity.offline.spark.job;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A job command line as the {@code parity} commands take it: the command, then flags, each
 * valued flag followed by its value, some repeatable, some without value. Problems are {@link
 * IllegalArgumentException}s naming the flag, followed by the command's usage.
 */
final class Flags {
  private final String usage;
  private final Map<String, String> values = new HashMap<>();
  private final Map<String, List<String>> repeated = new HashMap<>();
  private final Set<String> switches = new HashSet<>();

  /**
   * @param valued flags taking a value, at most once ({@code -r} is {@code --repo})
   * @param repeatable flags taking a value, any number of times
   * @param booleans flags without a value
   */
  private Flags(String usage, String[] args, Set<String> valued, Set<String> repeatable, Set<String> booleans) {
    this.usage = usage;
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (booleans.contains(flag)) {
        switches.add(flag);
      } else if (valued.contains(flag) || repeatable.contains(flag)) {
        if (i + 1 == args.length) {
          throw usage(flag + " needs a value");
        }
        String key = flag.equals("-r") ? "--repo" : flag;
        String value = args[++i];
        if (repeatable.contains(flag)) {
          repeated.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        } else if (values.put(key, value) != null) {
          throw usage(flag + " is given twice");
        }
      } else {
        throw usage("unknown argument '" + flag + "'");
      }
    }
  }

  /** Parses {@code args} of {@code command} (its first element). */
  static Flags parse(String command, String usage, String[] args, Set<String> valued, Set<String> repeatable,
      Set<String> booleans) {
    if (args.length == 0 || !args[0].equals(command)) {
      throw new IllegalArgumentException("the first argument must be the command, " + command + "\n" + usage);
    }
    return new Flags(usage, args, valued, repeatable, booleans);
  }

  boolean has(String flag) {
    return values.containsKey(flag) || switches.contains(flag);
  }

  Optional<String> value(String flag) {
    return Optional.ofNullable(values.get(flag));
  }

  String required(String flag) {
    return value(flag).orElseThrow(() -> usage(flag + " is required"));
  }

  List<String> all(String flag) {
    return repeated.getOrDefault(flag, List.of());
  }

  /** An ISO-8601 timestamp value. */
  Optional<Instant> timestamp(String flag) {
    return value(flag).map(v -> timestamp(flag, v));
  }

  Instant timestamp(String flag, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw usage(flag + " '" + value + "' is not an ISO-8601 timestamp such as 2026-01-31T00:00:00Z");
    }
  }

  /** An ISO-8601 duration value ({@code PT1H}). */
  Optional<Duration> duration(String flag) {
    return value(flag).map(v -> {
      try {
        Duration duration = Duration.parse(v);
        if (duration.isNegative()) {
          throw usage(flag + " '" + v + "' is negative");
        }
        return duration;
      } catch (DateTimeParseException e) {
        throw usage(flag + " '" + v + "' is not an ISO-8601 duration such as PT1H");
      }
    });
  }

  /** A comma-separated value as a list, blank entries dropped. */
  Optional<List<String>> commaList(String flag) {
    return value(flag).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
  }

  IllegalArgumentException usage(String problem) {
    return new IllegalArgumentException(problem + "\n" + usage);
  }
}
