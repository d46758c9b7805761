package dev.parity.server.jobs;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import dev.parity.registry.metadata.MetadataStore;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on a small bounded executor and keeps their state in memory: queued and running jobs,
 * and the last {@link JobSettings#retainFinished()} finished ones.
 *
 * <p>{@link #stop()} (Dropwizard calls it at shutdown) refuses new jobs, cancels queued jobs
 * (status {@code CANCELLED}, recorded in the metadata store as {@link
 * dev.parity.registry.metadata.RunKind#JOB} runs, each with a log line, so a job accepted with 202 never
 * vanishes without a trace), waits {@link JobSettings#shutdownGrace()} for running jobs, then
 * marks the runs this server started and that are still running {@code INTERRUPTED} in the
 * metadata store and stops the jobs at their next progress report (see {@link ProgressTracker});
 * a job that reports nothing within {@link JobSettings#interruptWait()} has its thread
 * interrupted. The runs are
 * marked before the jobs are stopped so that the services, seeing the stop as a failure, cannot
 * record them {@code FAILED}: a stopped server leaves no run {@code RUNNING} and none falsely
 * failed.
 *
 * <p>Metrics: {@code parity.jobs.queued}, {@code .running}, {@code .rows-read} and {@code
 * .rows-written} (of the running jobs) gauges; {@code .succeeded}, {@code .failed}, {@code
 * .interrupted}, {@code .cancelled} and {@code .rejected} meters. Thread-safe.
 */
public final class JobManager implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);
  private static final String REASON = "the server shut down";

  private final JobSettings settings;
  private final String project;
  private final Supplier<MetadataStore> metadata;
  private final Clock clock;
  private final ThreadPoolExecutor executor;
  private final Map<String, JobEntry> jobs = new ConcurrentHashMap<>();
  private final Deque<JobEntry> finished = new ArrayDeque<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Meter succeeded;
  private final Meter failed;
  private final Meter interrupted;
  private final Meter cancelled;
  private final Meter rejected;
  private volatile boolean stopping;

  /**
   * @param project the project of the repository the jobs work on, under which cancelled jobs
   *     are recorded
   * @param metadata the metadata store the jobs' services record their runs in (the same
   *     instance, since a store interrupts only the runs it started); asked for only when a stop
   *     has jobs to cancel or interrupt
   * @param metrics where the job gauges and meters are registered
   */
  public JobManager(JobSettings settings, String project, Supplier<MetadataStore> metadata, Clock clock,
      MetricRegistry metrics) {
    this.settings = requireNonNull(settings, "settings is null");
    this.project = requireNonNull(project, "project is null");
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.clock = requireNonNull(clock, "clock is null");
    BlockingQueue<Runnable> queue = settings.queueCapacity() == 0 ? new SynchronousQueue<>()
        : new ArrayBlockingQueue<>(settings.queueCapacity());
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS, queue,
        runnable -> {
          // Daemon: a job that ignores its interruption must not keep the JVM alive after a stop.
          Thread thread = new Thread(runnable, "parity-job-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    this.succeeded = metrics.meter("parity.jobs.succeeded");
    this.failed = metrics.meter("parity.jobs.failed");
    this.interrupted = metrics.meter("parity.jobs.interrupted");
    this.cancelled = metrics.meter("parity.jobs.cancelled");
    this.rejected = metrics.meter("parity.jobs.rejected");
    metrics.register("parity.jobs.queued", (Gauge<Long>) () -> count(JobStatus.QUEUED));
    metrics.register("parity.jobs.running", (Gauge<Long>) () -> count(JobStatus.RUNNING));
    metrics.register("parity.jobs.rows-read", (Gauge<Long>) () -> running().mapToLong(j -> j.progress().rowsRead()).sum());
    metrics.register("parity.jobs.rows-written",
        (Gauge<Long>) () -> running().mapToLong(j -> j.progress().rowsWritten()).sum());
  }

  /**
   * Queues {@code work} as a new job.
   *
   * @return the job, {@code QUEUED} (or already further along)
   * @throws JobRejectedException if the queue is full or the server is stopping
   */
  public Job submit(JobKind kind, JobWork work) {
    requireNonNull(kind, "kind is null");
    requireNonNull(work, "work is null");
    if (stopping) {
      rejected.mark();
      throw JobRejectedException.stopping();
    }
    long number = sequence.incrementAndGet();
    String id = String.format("%d-%06x", number, ThreadLocalRandom.current().nextInt(1 << 24));
    JobEntry entry = new JobEntry(id, number, kind, work, clock.instant());
    FutureTask<Void> task = new FutureTask<>(() -> run(entry), null);
    entry.task(task);
    jobs.put(id, entry);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      jobs.remove(id);
      rejected.mark();
      throw stopping ? JobRejectedException.stopping()
          : JobRejectedException.queueFull(settings.workers(), settings.queueCapacity());
    }
    return entry.snapshot();
  }

  /** The job with this id, if this server has it (finished jobs are forgotten after a while). */
  public Optional<Job> job(String id) {
    return Optional.ofNullable(jobs.get(requireNonNull(id, "id is null"))).map(JobEntry::snapshot);
  }

  /**
   * The job with this id once it has ended, or as it is after {@code timeout}: a long poll, so
   * clients learn of the end at once without polling often.
   */
  public Optional<Job> awaitEnd(String id, java.time.Duration timeout) {
    JobEntry entry = jobs.get(requireNonNull(id, "id is null"));
    if (entry == null) {
      return Optional.empty();
    }
    try {
      entry.ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.of(entry.snapshot());
  }

  /** This server's jobs, newest first. */
  public List<Job> jobs() {
    List<JobEntry> entries = new ArrayList<>(jobs.values());
    entries.sort(Comparator.comparingLong((JobEntry e) -> e.sequence).reversed());
    return entries.stream().map(JobEntry::snapshot).toList();
  }

  /** Whether {@link #stop()} has begun: new jobs are refused. */
  public boolean stopping() {
    return stopping;
  }

  @Override
  public void start() {
    // The executor starts its threads on demand.
  }

  /** See the class comment. Returns when every job thread has ended or the interrupt wait is over. */
  @Override
  public void stop() throws InterruptedException {
    stopping = true;
    List<Runnable> queued = new ArrayList<>();
    executor.getQueue().drainTo(queued);
    executor.shutdown();
    for (JobEntry entry : jobs.values()) {
      if (queued.contains(entry.task())) {
        cancel(entry);
      }
    }
    if (executor.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
      return;
    }
    List<JobEntry> unfinished = jobs.values().stream().filter(e -> !e.status().finished()).toList();
    if (!unfinished.isEmpty()) {
      // Order matters: the runs are marked before the jobs can fail, so none is recorded FAILED.
      unfinished.forEach(JobEntry::requestInterrupt);
      int runs = metadata.get().interruptOwnRuns(REASON);
      LOG.warn("Stopping {} job(s) still running {} after shutdown began; marked {} run(s) interrupted",
          unfinished.size(), settings.shutdownGrace(), runs);
      unfinished.forEach(entry -> entry.progress.cancel());
    }
    if (!executor.awaitTermination(settings.interruptWait().toMillis(), TimeUnit.MILLISECONDS)) {
      LOG.warn("Job(s) did not stop at a progress report within {}; interrupting their threads",
          settings.interruptWait());
      executor.shutdownNow();
      if (!executor.awaitTermination(settings.interruptWait().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Job threads still running after being interrupted; leaving them (daemon threads)");
      }
    }
    for (JobEntry entry : unfinished) {
      if (entry.interrupt(clock.instant())) {
        retire(entry);
      }
    }
  }

  private void run(JobEntry entry) {
    if (stopping) {
      // Taken by a worker just as the stop drained the queue: it never starts.
      cancel(entry);
      return;
    }
    if (!entry.start(clock.instant())) {
      return;
    }
    boolean ended;
    try {
      ended = entry.succeed(entry.work.run(entry.progress), clock.instant());
    } catch (RuntimeException e) {
      ended = entry.fail(() -> JobErrors.of(e), clock.instant());
    } catch (Error e) {
      if (entry.fail(() -> JobErrors.of(e), clock.instant())) {
        retire(entry);
      }
      throw e;
    }
    if (ended) {
      retire(entry);
    }
  }

  /**
   * Cancels a job that never started and records it in the metadata store, with a log line; a
   * store that cannot record it is logged too, and does not hold up the stop.
   */
  private void cancel(JobEntry entry) {
    if (!entry.cancel(clock.instant())) {
      return;
    }
    String reason = "cancelled: the server shut down before job " + entry.id + " started";
    try {
      long run = metadata.get().recordCancelledJob(project, entry.id, entry.kind.id(), entry.submittedAt(), reason)
          .id();
      LOG.warn("Cancelled {} job {}, queued since {}: the server shut down before it started (recorded as job run {})",
          entry.kind.id(), entry.id, entry.submittedAt(), run);
    } catch (RuntimeException e) {
      LOG.error("Cancelled {} job {}, queued since {}: the server shut down before it started; recording it in the "
          + "metadata store failed: {}", entry.kind.id(), entry.id, entry.submittedAt(), e.toString());
    }
    // Only now: whoever waits for the job's end finds its record.
    retire(entry);
  }

  /** Counts a finished job and forgets the oldest finished ones beyond the retention. */
  private void retire(JobEntry entry) {
    JobStatus status = entry.status();
    switch (status) {
      case SUCCEEDED -> succeeded.mark();
      case FAILED -> failed.mark();
      case INTERRUPTED -> interrupted.mark();
      case CANCELLED -> cancelled.mark();
      default -> throw new IllegalStateException("job " + entry.id + " retired while " + status);
    }
    synchronized (finished) {
      finished.addLast(entry);
      while (finished.size() > settings.retainFinished()) {
        jobs.remove(finished.removeFirst().id);
      }
    }
    entry.ended.countDown();
  }

  private long count(JobStatus status) {
    return jobs.values().stream().filter(e -> e.status() == status).count();
  }

  private java.util.stream.Stream<Job> running() {
    return jobs.values().stream().filter(e -> e.status() == JobStatus.RUNNING).map(JobEntry::snapshot);
  }
}
