package dev.parity.server.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.definitions.FeatureRepository;
import dev.parity.registry.Registry;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.triggers.TriggerScheduler;
import dev.parity.server.triggers.TriggerService;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@code triggers} section (docs/triggers.md).
 *
 * <pre>
 * triggers:
 *   scheduler: true     # run cron, new_data and metric triggers (false: fired by hand only)
 *   tickInterval: 10s   # how often the scheduler looks at every trigger
 *   missedAfter: 2m     # a cron firing seen later than this was missed (no server ran)
 *   workers: 2          # trigger runs at once (each builds a training set)
 * </pre>
 */
public class TriggersFactory {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TriggersFactory.class);

  @JsonProperty
  private boolean scheduler = true;

  @NotNull
  @JsonProperty
  private Duration tickInterval = Duration.seconds(10);

  @NotNull
  @JsonProperty
  private Duration missedAfter = Duration.minutes(2);

  @Min(1)
  @Max(64)
  @JsonProperty
  private int workers = 2;

  public boolean isScheduler() {
    return scheduler;
  }

  public void setScheduler(boolean value) {
    this.scheduler = value;
  }

  public Duration getTickInterval() {
    return tickInterval;
  }

  public Duration getMissedAfter() {
    return missedAfter;
  }

  public int getWorkers() {
    return workers;
  }

  /**
   * Builds the trigger service on its own worker threads and, if configured, starts the scheduler
   * (stopped, and running runs' threads interrupted, at shutdown; the runs themselves are then
   * marked interrupted with the server's other runs).
   */
  public TriggerService build(Environment environment, Supplier<FeatureRepository> repository, Registry registry,
      MetadataStore metadata, TrainingSetService trainingSets, Map<String, String> variables, Clock clock) {
    ExecutorService workerThreads = Executors.newFixedThreadPool(workers, daemon("parity-trigger-run"));
    TriggerService service = new TriggerService(repository, registry, metadata, trainingSets, variables, clock, workerThreads);
    ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("parity-trigger-scheduler"));
    TriggerScheduler schedule = new TriggerScheduler(service, clock, java.time.Duration.ofMillis(missedAfter.toMilliseconds()),
        environment.metrics());
    environment.lifecycle().manage(new Managed() {
      @Override
      public void start() {
        if (scheduler) {
          // A tick that throws (the registry unreachable) must not end the schedule: log and go on.
          ticks.scheduleWithFixedDelay(() -> {
            try {
              schedule.tick();
            } catch (RuntimeException e) {
              LOG.warn("The trigger scheduler's tick failed: {}", e.getMessage(), e);
            }
          }, 0, tickInterval.toMilliseconds(), TimeUnit.MILLISECONDS);
        }
      }

      @Override
      public void stop() throws InterruptedException {
        ticks.shutdownNow();
        workerThreads.shutdownNow();
        ticks.awaitTermination(10, TimeUnit.SECONDS);
        workerThreads.awaitTermination(10, TimeUnit.SECONDS);
      }
    });
    return service;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
