package dev.parity.definitions.triggers;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A standard five-field cron expression ({@code minute hour day-of-month month day-of-week}, as
 * crontab reads it) in an explicit time zone, so "03:00" means the same instant wherever the server
 * runs and daylight-saving changes follow the zone's rules. Thread-safe.
 */
public final class CronSchedule {
  // Parsers and definitions are immutable and thread-safe.
  private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime times;

  private CronSchedule(String expression, ZoneId zone, ExecutionTime times) {
    this.expression = expression;
    this.zone = zone;
    this.times = times;
  }

  /**
   * Parses {@code expression} for {@code zone}.
   *
   * @throws IllegalArgumentException naming what is wrong with the expression
   */
  public static CronSchedule parse(String expression, ZoneId zone) {
    requireNonNull(expression, "expression is null");
    requireNonNull(zone, "zone is null");
    try {
      return new CronSchedule(expression.trim(), zone, ExecutionTime.forCron(UNIX.parse(expression.trim())));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid cron expression '" + expression
          + "' (five fields: minute hour day-of-month month day-of-week): " + e.getMessage(), e);
    }
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first firing strictly after {@code instant}, if the schedule has one. */
  public Optional<Instant> nextAfter(Instant instant) {
    return times.nextExecution(instant.atZone(zone)).map(t -> t.toInstant());
  }

  /** The last firing at or before {@code instant}, if any. */
  public Optional<Instant> lastAtOrBefore(Instant instant) {
    // lastExecution is strictly before its argument: ask from just after the instant.
    return times.lastExecution(instant.plusNanos(1).atZone(zone)).map(t -> t.toInstant());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronSchedule that && expression.equals(that.expression) && zone.equals(that.zone);
  }

  @Override
  public int hashCode() {
    return expression.hashCode() * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return expression + " (" + zone.getId() + ")";
  }
}
