package dev.parity.server.triggers;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.definitions.triggers.MissedPolicy;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.definitions.triggers.TriggerCondition;
import dev.parity.registry.metadata.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when {@code cron}, {@code new_data} and {@code metric} triggers fire. Each {@link #tick}
 * looks at every trigger once, with the injected clock's now, and remembers what it saw in the
 * registry ({@code trigger_state}), so a restarted server, or another server on the same registry,
 * carries on where the last tick stopped. Firing keys make a firing run once whichever server sees
 * it. The server calls {@code tick} every few seconds; tests call it after moving their clock.
 *
 * <p>Cron: the firings due since the last tick fire, unless they are older than the grace period
 * (no scheduler ticked when they fell due: the server was down), which the trigger's {@code missed}
 * policy handles: all recorded as skipped, or the latest run once and the others recorded as
 * skipped. A trigger seen for the first time fires for nothing in the past.
 *
 * <p>New data on a view: the view's watermark ({@link WatermarkWatch}) takes the place of the
 * files' fingerprint; it fires when it has moved forward and then stayed put for the debounce.
 *
 * <p>Not thread-safe: one thread ticks.
 */
public final class TriggerScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerScheduler.class);
  /** At most this many missed cron firings are recorded one by one; older ones are summarised. */
  static final int MAX_MISSED = 1000;

  private final TriggerService triggers;
  private final MetadataStore metadata;
  private final Clock clock;
  private final Duration grace;
  private final NewDataWatch newData;
  private final MetricWatch metrics;
  private final WatermarkWatch watermarks;

  /**
   * @param grace how late a cron firing may be seen and still run as scheduled; later ones were
   *     missed (several tick intervals)
   */
  public TriggerScheduler(TriggerService triggers, Clock clock, Duration grace) {
    this(triggers, clock, grace, new MetricRegistry());
  }

  /**
   * @param serverMetrics the server's metrics registry, which {@code server} metric conditions read
   */
  public TriggerScheduler(TriggerService triggers, Clock clock, Duration grace, MetricRegistry serverMetrics) {
    this.triggers = requireNonNull(triggers, "triggers is null");
    this.metadata = triggers.metadata();
    this.clock = requireNonNull(clock, "clock is null");
    this.grace = requireNonNull(grace, "grace is null");
    this.newData = new NewDataWatch();
    this.watermarks = new WatermarkWatch(metadata);
    this.metrics = new MetricWatch(metadata, requireNonNull(serverMetrics, "serverMetrics is null"), clock);
  }

  /**
   * Looks at every registered trigger once ({@link TriggerService#registered}) and fires those due; a
   * failure with one trigger does not stop the others.
   */
  public void tick() {
    Instant now = clock.instant();
    for (Trigger trigger : triggers.registered()) {
      try {
        if (trigger.condition() instanceof TriggerCondition.Cron cron) {
          cron(trigger, cron, now);
        } else if (trigger.condition() instanceof TriggerCondition.NewData data) {
          newData(trigger, data, now);
        } else if (trigger.condition() instanceof TriggerCondition.Watermark watermark) {
          watermark(trigger, watermark, now);
        } else if (trigger.condition() instanceof TriggerCondition.Metric metric) {
          metric(trigger, metric, now);
        }
      } catch (RuntimeException e) {
        LOG.warn("Trigger {}: the scheduler could not check it: {}", trigger.name(), e.getMessage(), e);
      }
    }
    triggers.startQueued();
  }

  private Optional<JsonNode> state(Trigger trigger) {
    return metadata.triggerState(triggers.project(), trigger.name())
        .filter(s -> trigger.kind().equals(s.path("kind").asText()));
  }

  private ObjectNode newState(Trigger trigger) {
    return JsonNodeFactory.instance.objectNode().put("kind", trigger.kind()).put("version", trigger.version());
  }

  private void cron(Trigger trigger, TriggerCondition.Cron cron, Instant now) {
    Optional<Instant> checked = state(trigger).map(s -> Instant.parse(s.path("checked").asText()));
    if (checked.isPresent()) {
      List<Instant> due = new ArrayList<>();
      Optional<Instant> next = cron.schedule().nextAfter(checked.get());
      while (next.isPresent() && !next.get().isAfter(now) && due.size() < MAX_MISSED) {
        due.add(next.get());
        next = cron.schedule().nextAfter(next.get());
      }
      boolean more = next.isPresent() && !next.get().isAfter(now);
      Optional<Instant> latest = cron.schedule().lastAtOrBefore(now);
      if (more && latest.isPresent()) {
        due.add(latest.get());
      }
      List<Instant> missed = due.stream().filter(t -> Duration.between(t, now).compareTo(grace) > 0).toList();
      Optional<Instant> runOnce = cron.missed() == MissedPolicy.RUN_ONCE && !missed.isEmpty()
          ? Optional.of(missed.get(missed.size() - 1)) : Optional.empty();
      for (Instant at : due) {
        String key = "cron:" + at;
        if (!missed.contains(at)) {
          triggers.fire(trigger, key, "schedule " + cron.schedule() + " due at " + at, false);
        } else if (runOnce.filter(at::equals).isPresent()) {
          triggers.fire(trigger, key, "missed while no server ran: due at " + at + "; run once at start (missed: "
              + "run_once)", false);
        } else {
          triggers.fire(trigger, key, "missed while no server ran: due at " + at + "; skipped (missed: "
              + cron.missed().id() + ")" + (more ? "; over " + MAX_MISSED + " firings were missed, the first "
              + MAX_MISSED + " and the latest are recorded" : ""), true);
        }
      }
    }
    metadata.saveTriggerState(triggers.project(), trigger.name(), newState(trigger).put("checked", now.toString()));
  }

  private void newData(Trigger trigger, TriggerCondition.NewData data, Instant now) {
    var repository = triggers.repository();
    var source = repository.source(data.source()).orElseThrow(() -> new IllegalStateException(
        "source '" + data.source() + "' is not declared"));
    NewDataWatch.Snapshot files = newData.snapshot(repository.root(), source.path());
    // The state of a view's watermark (the trigger watched a view before) is no baseline for files.
    Optional<JsonNode> state = state(trigger).filter(s -> !s.has("watch"));
    ObjectNode next = newState(trigger);
    if (state.isEmpty()) {
      // First sight: what is there now is the baseline, not new data.
      next.put("fired", files.fingerprint()).set("fired_files", files.json());
      next.put("seen", files.fingerprint()).put("seen_since", now.toString());
      metadata.saveTriggerState(triggers.project(), trigger.name(), next);
      return;
    }
    String fired = state.get().path("fired").asText();
    JsonNode firedFiles = state.get().path("fired_files");
    String seen = state.get().path("seen").asText();
    Instant seenSince = Instant.parse(state.get().path("seen_since").asText());
    if (!files.fingerprint().equals(seen)) {
      seen = files.fingerprint();
      seenSince = now;
    }
    next.put("seen", seen).put("seen_since", seenSince.toString());
    if (!files.fingerprint().equals(fired) && !Duration.between(seenSince, now).minus(data.debounce()).isNegative()) {
      List<String> changed = files.changedSince(firedFiles);
      triggers.fire(trigger, "new_data:" + fired + "->" + files.fingerprint(), "new or changed files under source '"
          + data.source() + "': " + NewDataWatch.describe(changed), false);
      fired = files.fingerprint();
      firedFiles = files.json();
    }
    next.put("fired", fired).set("fired_files", firedFiles);
    metadata.saveTriggerState(triggers.project(), trigger.name(), next);
  }

  /** As {@link #newData}, with the view's watermark for the files' fingerprint ({@code none}: never moved). */
  private void watermark(Trigger trigger, TriggerCondition.Watermark condition, Instant now) {
    Optional<WatermarkWatch.Mark> mark = watermarks.current(triggers.project(), condition.view());
    String current = mark.map(WatermarkWatch.Mark::key).orElse("none");
    String watch = "view:" + condition.view();
    // A state of another watch (the trigger watched files or another view before) is no baseline.
    Optional<JsonNode> state = state(trigger).filter(s -> watch.equals(s.path("watch").asText()));
    String fired = state.map(s -> s.path("fired").asText()).orElse(current);
    String seen = state.map(s -> s.path("seen").asText()).orElse(current);
    Instant seenSince = state.map(s -> Instant.parse(s.path("seen_since").asText())).orElse(now);
    if (!current.equals(seen)) {
      seen = current;
      seenSince = now;
    }
    boolean forward = mark.isPresent() && (fired.equals("none") || mark.get().at().isAfter(Instant.parse(fired)));
    if (forward && !Duration.between(seenSince, now).minus(condition.debounce()).isNegative()) {
      triggers.fire(trigger, "new_data:" + watch + ":" + fired + "->" + current, "the watermark of feature view '"
          + condition.view() + "' moved from " + fired + " to " + current + " (by a " + mark.orElseThrow().movedBy()
          + ")", false);
      fired = current;
    }
    metadata.saveTriggerState(triggers.project(), trigger.name(), newState(trigger).put("watch", watch)
        .put("fired", fired).put("seen", seen).put("seen_since", seenSince.toString()));
  }

  private void metric(Trigger trigger, TriggerCondition.Metric metric, Instant now) {
    Optional<JsonNode> state = state(trigger);
    ObjectNode next = newState(trigger);
    Optional<MetricWatch.Value> value;
    try {
      value = metrics.latest(triggers.project(), triggers.repository(), trigger);
    } catch (MetricUnavailableException e) {
      // Recorded, not forgotten: the value's holding time and whether it fired stay as they were.
      state.ifPresent(s -> s.fields().forEachRemaining(f -> {
        if (!f.getKey().equals("kind") && !f.getKey().equals("version")) {
          next.set(f.getKey(), f.getValue());
        }
      }));
      next.put("error", e.getMessage()).put("error_at", now.toString());
      metadata.saveTriggerState(triggers.project(), trigger.name(), next);
      LOG.warn("Trigger {}: cannot read its metric: {}", trigger.name(), e.getMessage());
      return;
    }
    value.ifPresent(v -> next.put("value", v.value()).put("origin", v.origin())
        .put("observed_at", v.observedAt().toString()));
    boolean holds = value.filter(v -> metric.holds(v.value())).isPresent();
    if (!holds) {
      metadata.saveTriggerState(triggers.project(), trigger.name(), next);
      return;
    }
    Instant since = state.map(s -> s.path("holding_since").asText()).filter(s -> !s.isEmpty()).map(Instant::parse)
        .orElse(now);
    boolean fired = state.map(s -> s.path("fired").asBoolean(false)).orElse(false);
    next.put("holding_since", since.toString());
    if (!fired && !Duration.between(since, now).minus(metric.debounce()).isNegative()) {
      triggers.fire(trigger, "metric:" + since, value.get().describe() + " crossed " + metric.describe()
          + (metric.debounce().isZero() ? "" : ", held for " + Duration.between(since, now)), false);
      fired = true;
    }
    next.put("fired", fired);
    metadata.saveTriggerState(triggers.project(), trigger.name(), next);
  }
}
