package dev.parity.definitions.triggers;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** When a trigger fires: one of four kinds ({@code new_data} on files or on a view's watermark). */
public sealed interface TriggerCondition {
  /** {@code adhoc}, {@code cron}, {@code new_data} or {@code metric}. */
  String kind();

  /** The condition's fields for the trigger's version hash. */
  Map<String, Object> canonicalForm();

  /** Fired only by hand: {@code parity trigger fire NAME} or {@code POST /triggers/{name}/fire}. */
  record Adhoc() implements TriggerCondition {
    @Override
    public String kind() {
      return "adhoc";
    }

    @Override
    public Map<String, Object> canonicalForm() {
      return Map.of();
    }
  }

  /** On a cron schedule in an explicit time zone, run by the server's scheduler. */
  record Cron(CronSchedule schedule, MissedPolicy missed) implements TriggerCondition {
    public Cron {
      requireNonNull(schedule, "schedule is null");
      requireNonNull(missed, "missed is null");
    }

    @Override
    public String kind() {
      return "cron";
    }

    @Override
    public Map<String, Object> canonicalForm() {
      return Map.of("schedule", schedule.expression(), "time_zone", schedule.zone().getId(), "missed", missed.id());
    }
  }

  /**
   * When files under a source's path are new or changed: the files' names, sizes and modification
   * times must have stayed the same for {@code debounce} before the trigger fires, so a file still
   * being written does not fire it.
   */
  record NewData(String source, Duration debounce) implements TriggerCondition {
    public NewData {
      requireNonNull(source, "source is null");
      requireNonNull(debounce, "debounce is null");
      if (debounce.isNegative()) {
        throw new IllegalArgumentException("debounce is negative");
      }
    }

    @Override
    public String kind() {
      return "new_data";
    }

    @Override
    public Map<String, Object> canonicalForm() {
      return Map.of("source", source, "debounce", debounce.toString());
    }
  }

  /**
   * When a feature view's watermark moves: the newest event time its data reaches, as pushes
   * (the newest event time of a batch written to the view) and successful materializations (the
   * end of their interval) record it in the registry. The watermark must have stayed the same for
   * {@code debounce} before the trigger fires, so a burst of pushes fires once. Written as a
   * {@code new_data} trigger with {@code view:} instead of {@code source:}.
   */
  record Watermark(String view, Duration debounce) implements TriggerCondition {
    public Watermark {
      requireNonNull(view, "view is null");
      requireNonNull(debounce, "debounce is null");
      if (debounce.isNegative()) {
        throw new IllegalArgumentException("debounce is negative");
      }
    }

    @Override
    public String kind() {
      return "new_data";
    }

    @Override
    public Map<String, Object> canonicalForm() {
      return Map.of("view", view, "debounce", debounce.toString());
    }
  }

  /**
   * When a metric crosses a threshold: from below to at-or-beyond it, after staying beyond it for
   * {@code debounce}, so one noisy value does not retrain.
   *
   * @param source where the value comes from ({@link MetricSource})
   * @param direction whether the value must fall below or rise above the threshold
   */
  record Metric(MetricSource source, Direction direction, double threshold, Duration debounce)
      implements TriggerCondition {
    public Metric {
      requireNonNull(source, "source is null");
      requireNonNull(direction, "direction is null");
      if (!Double.isFinite(threshold)) {
        throw new IllegalArgumentException("threshold is not finite: " + threshold);
      }
      requireNonNull(debounce, "debounce is null");
      if (debounce.isNegative()) {
        throw new IllegalArgumentException("debounce is negative");
      }
    }

    /** Whether {@code value} is beyond the threshold (the condition holds). */
    public boolean holds(double value) {
      return direction == Direction.BELOW ? value < threshold : value > threshold;
    }

    /** {@code auc below 0.8}: for reasons and messages. */
    public String describe() {
      return source.describe() + " " + direction.name().toLowerCase(java.util.Locale.ROOT) + " " + threshold;
    }

    @Override
    public String kind() {
      return "metric";
    }

    @Override
    public Map<String, Object> canonicalForm() {
      Map<String, Object> form = new LinkedHashMap<>();
      form.put("source", source.id());
      form.putAll(source.canonicalForm());
      form.put(direction.name().toLowerCase(java.util.Locale.ROOT), threshold);
      form.put("debounce", debounce.toString());
      return form;
    }

    /** Which side of the threshold makes the condition hold. */
    public enum Direction {
      BELOW,
      ABOVE
    }
  }
}
