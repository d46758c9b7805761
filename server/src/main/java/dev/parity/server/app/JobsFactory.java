package dev.parity.server.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.server.jobs.JobManager;
import dev.parity.server.jobs.JobSettings;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The {@code jobs} section: asynchronous jobs ({@code POST /jobs/...}).
 *
 * <pre>
 * jobs:
 *   workers: 2            # jobs running at once (each uses the offline engine's threads)
 *   queueCapacity: 16     # jobs waiting; one more is answered 429
 *   retainFinished: 100   # finished jobs GET /jobs remembers
 *   shutdownGrace: 30s    # at shutdown, how long running jobs may finish before they are interrupted
 *   interruptWait: 10s    # then, how long interrupted jobs may take to end
 * </pre>
 */
public class JobsFactory {
  @Min(1)
  @Max(64)
  @JsonProperty
  private int workers = 2;

  @Min(0)
  @Max(100_000)
  @JsonProperty
  private int queueCapacity = 16;

  @Min(1)
  @Max(100_000)
  @JsonProperty
  private int retainFinished = 100;

  @NotNull
  @JsonProperty
  private Duration shutdownGrace = Duration.seconds(30);

  @NotNull
  @JsonProperty
  private Duration interruptWait = Duration.seconds(10);

  public int getWorkers() {
    return workers;
  }

  public int getQueueCapacity() {
    return queueCapacity;
  }

  public int getRetainFinished() {
    return retainFinished;
  }

  public Duration getShutdownGrace() {
    return shutdownGrace;
  }

  public void setShutdownGrace(Duration shutdownGrace) {
    this.shutdownGrace = shutdownGrace;
  }

  public Duration getInterruptWait() {
    return interruptWait;
  }

  /** The settings of this section. */
  public JobSettings settings() {
    return new JobSettings(workers, queueCapacity, retainFinished, shutdownGrace.toJavaDuration(),
        interruptWait.toJavaDuration());
  }

  /**
   * Builds the job manager, its metrics in the environment's registry, stopped with the server
   * (after in-flight requests, before the stores registered earlier are closed).
   *
   * @param project the project of the served repository, under which cancelled jobs are recorded
   * @param metadata the metadata store the jobs' services record their runs in
   */
  public JobManager build(Environment environment, String project, Supplier<MetadataStore> metadata, Clock clock) {
    JobManager jobs = new JobManager(settings(), project, metadata, clock, environment.metrics());
    environment.lifecycle().manage(jobs);
    return jobs;
  }
}
