package dev.parity.server.triggers;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.triggers.MetricSource;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.server.lookup.LookupService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A metric of this server from its own metrics registry over the condition's window: {@code
 * not_found_rate} is the share of the feature values the service's lookups answered {@code
 * NOT_FOUND} ({@link LookupService#serviceValuesMetric}). The counters only grow; each look samples
 * them, and the rate is the difference between now and the last sample at least a window old (or
 * the counters' start, zero, when the server has not run that long). No lookups in the window, no
 * value. The counts are this process's: they start again at zero after a restart, and each server
 * on a shared registry watches its own lookups. Used by one scheduler thread.
 */
final class ServerMetric implements MetricWatch.Source {
  private record Sample(Instant at, long values, long notFound) {}

  private final MetricRegistry metrics;
  private final Clock clock;
  private final Map<String, Deque<Sample>> samples = new HashMap<>();

  ServerMetric(MetricRegistry metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public Optional<MetricWatch.Value> latest(String project, FeatureRepository repository, Trigger trigger,
      MetricSource source) {
    MetricSource.Server condition = (MetricSource.Server) source;
    Instant now = clock.instant();
    Sample current = new Sample(now, count(LookupService.serviceValuesMetric(trigger.service(), "values")),
        count(LookupService.serviceValuesMetric(trigger.service(), "not_found")));
    Deque<Sample> history = samples.computeIfAbsent(trigger.name() + "\u0000" + condition.window(),
        key -> new ArrayDeque<>());
    Instant windowStart = now.minus(condition.window());
    // Keep one sample at or before the window's start (the baseline) and those after it.
    while (history.size() > 1) {
      Iterator<Sample> oldest = history.iterator();
      oldest.next();
      if (oldest.next().at().isAfter(windowStart)) {
        break;
      }
      history.removeFirst();
    }
    Sample baseline = history.isEmpty() || history.peekFirst().at().isAfter(windowStart)
        ? new Sample(Instant.EPOCH, 0, 0) : history.peekFirst();
    history.addLast(current);
    long values = current.values() - baseline.values();
    if (values <= 0) {
      return Optional.empty();
    }
    double rate = (double) (current.notFound() - baseline.notFound()) / values;
    return Optional.of(new MetricWatch.Value(rate, now, "not_found_rate of service " + trigger.service() + " ("
        + (current.notFound() - baseline.notFound()) + " of " + values + " values)"));
  }

  private long count(String name) {
    Counter counter = metrics.getCounters().get(name);
    return counter == null ? 0 : counter.getCount();
  }
}
