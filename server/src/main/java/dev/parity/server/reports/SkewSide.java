package dev.parity.server.reports;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One side of a skew report as the CLI's {@code --reference}/{@code --current} and the HTTP
 * body's {@code "reference"}/{@code "current"} name it, in one syntax:
 *
 * <pre>
 *   training-set:ID          the training set with that id in the metadata store (its output files)
 *   log:FROM..TO             the service's serving log, requests with FROM &lt;= request_time &lt; TO
 *                            (ISO-8601 times with an offset: log:2026-01-01T00:00:00Z..2026-01-02T00:00:00Z)
 *   PATH                     Parquet files: a file, a directory of them or a glob
 *   parquet:PATH             the same, for a path that itself starts with training-set: or log:
 * </pre>
 *
 * Immutable.
 */
public sealed interface SkewSide {
  /** The forms, for error messages and help. */
  String FORMS = "training-set:ID, log:FROM..TO (ISO-8601 times, such as "
      + "log:2026-01-01T00:00:00Z..2026-01-02T00:00:00Z) or a Parquet file, directory or glob";

  /** The side in this syntax, as the stored report records it ({@link #parse} reads it back). */
  String text();

  /** What kind of data set this is: {@code training_set}, {@code serving_log} or {@code parquet}. */
  String kind();

  /** The earliest time a range may start at. */
  Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  /** The time a range must end by. */
  Instant LAST = Instant.parse("+10000-01-01T00:00:00Z");

  /** A training set recorded in the metadata store. */
  record TrainingSet(long id) implements SkewSide {
    public TrainingSet {
      if (id < 1) {
        throw new IllegalArgumentException("training set ids are positive numbers, got " + id);
      }
    }

    @Override
    public String text() {
      return "training-set:" + id;
    }

    @Override
    public String kind() {
      return "training_set";
    }
  }

  /** The report's service's serving log over {@code [from, to)}. */
  record ServingLog(Instant from, Instant to) implements SkewSide {
    public ServingLog {
      requireNonNull(from, "from is null");
      requireNonNull(to, "to is null");
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("the range's start " + from + " is not before its end " + to);
      }
    }

    @Override
    public String text() {
      return "log:" + from + ".." + to;
    }

    @Override
    public String kind() {
      return "serving_log";
    }
  }

  /** Parquet files at {@code location}: a file, a directory or a glob. */
  record Parquet(String location) implements SkewSide {
    public Parquet {
      if (requireNonNull(location, "location is null").isBlank()) {
        throw new IllegalArgumentException("the path is empty");
      }
    }

    @Override
    public String text() {
      return location.startsWith("training-set:") || location.startsWith("log:") || location.startsWith("parquet:")
          ? "parquet:" + location : location;
    }

    @Override
    public String kind() {
      return "parquet";
    }
  }

  /**
   * Reads {@code text}.
   *
   * @throws IllegalArgumentException with a message saying what is wrong, for the caller to put
   *     after the option's or field's name
   */
  static SkewSide parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("is missing: give " + FORMS);
    }
    if (text.startsWith("training-set:")) {
      String id = text.substring("training-set:".length());
      try {
        return new TrainingSet(Long.parseLong(id));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "': '" + id + "' is not a training set id (a number)");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
      }
    }
    if (text.startsWith("log:")) {
      String range = text.substring("log:".length());
      int dots = range.indexOf("..");
      if (dots < 0) {
        throw new IllegalArgumentException("'" + text + "' is not a range of the serving log: give log:FROM..TO, "
            + "such as log:2026-01-01T00:00:00Z..2026-01-02T00:00:00Z");
      }
      Instant from = time(text, "start", range.substring(0, dots));
      Instant to = time(text, "end", range.substring(dots + 2));
      try {
        return new ServingLog(from, to);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
      }
    }
    return new Parquet(text.startsWith("parquet:") ? text.substring("parquet:".length()) : text);
  }

  private static Instant time(String text, String which, String value) {
    Instant time;
    try {
      time = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "': the range's " + which + " '" + value
          + "' is not an ISO-8601 time with an offset, such as 2026-01-01T00:00:00Z");
    }
    // Beyond these years the metadata store cannot record the range (nor could a log hold it).
    if (time.isBefore(FIRST) || !time.isBefore(LAST)) {
      throw new IllegalArgumentException("'" + text + "': the range's " + which + " '" + value
          + "' is outside the years 1 to 9999");
    }
    return time;
  }
}
