package dev.parity.offline.parquet.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The work-sharing scheduler of an {@link ArrowParquetWriter}: steps (encode a batch, flush a
 * row group) are queued on every group of columns; each group runs its steps in order, one at a
 * time, on whichever thread takes it first: the caller's while it waits in {@link #await}, or
 * one of the helper threads. More groups than threads, so that a thread finding no group left
 * waits only for a small one. The first failure of a step is thrown to the caller (later ones
 * suppressed in it) once no thread is still running a step, so that none reads the caller's
 * vectors or a store closed afterwards.
 *
 * @param <G> a group of columns
 */
final class WorkSharing<G> {
  /** A step on one group that may fail with an I/O error. */
  @FunctionalInterface
  interface Step<G> {
    void run(G group) throws IOException;
  }

  /** One step to run on every group; done when no group is left to run it. */
  private static final class Job<G> {
    final Step<G> step;
    int groupsLeft;

    Job(Step<G> step, int groups) {
      this.step = step;
      this.groupsLeft = groups;
    }
  }

  private final List<G> groups;
  /** Steps waiting for each group, oldest first; guarded by {@link #lock}. */
  private final List<ArrayDeque<Job<G>>> queues = new ArrayList<>();
  /** Whether a thread is running a step on each group; guarded by {@link #lock}. */
  private final boolean[] busy;
  /** The file written, for failure messages. */
  private final Path target;
  private final ExecutorService pool;
  /** Guards the queues and busy flags, {@link #inFlight}, {@link #failure} and {@link #stopped}. */
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a step is queued or finished, a failure is recorded or the helpers are stopped. */
  private final Condition changed = lock.newCondition();
  /** Jobs not finished on every group, oldest first. */
  private final ArrayDeque<Job<G>> inFlight = new ArrayDeque<>();
  /** The first failure of a step (later ones suppressed in it), or null. */
  private RuntimeException failure;
  private boolean stopped;
  /** Where {@link #takeGroup} looks first: threads spread over the groups. */
  private int nextGroup;

  /** Starts up to {@code helpers} helper threads (no more than there are groups besides the caller's). */
  WorkSharing(List<G> groups, int helpers, Path target) {
    this.groups = List.copyOf(groups);
    this.busy = new boolean[groups.size()];
    this.target = target;
    for (int g = 0; g < groups.size(); g++) {
      queues.add(new ArrayDeque<>());
    }
    int started = Math.min(helpers, groups.size() - 1);
    this.pool = helpers == 0 ? null : Executors.newFixedThreadPool(helpers, r -> {
      Thread t = new Thread(r, "parity-parquet-writer");
      t.setDaemon(true);
      return t;
    });
    for (int h = 0; h < started; h++) {
      pool.execute(this::help);
    }
  }

  /** Queues {@code step} on every group. */
  void submit(Step<G> step) {
    lock.lock();
    try {
      Job<G> job = new Job<>(step, groups.size());
      for (ArrayDeque<Job<G>> queue : queues) {
        queue.addLast(job);
      }
      inFlight.addLast(job);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code step} on every group, on this thread and the helpers, and waits for all of it. */
  void forEachGroup(Step<G> step) {
    submit(step);
    await(0);
  }

  /**
   * Runs queued steps on this thread until at most {@code left} jobs are unfinished, then
   * returns; after a failure, waits until no group is running a step and throws it, later ones
   * suppressed. Not interruptible: the steps read the caller's vectors (the interrupt flag is
   * restored).
   */
  void await(int left) {
    boolean interrupted = Thread.interrupted();
    lock.lock();
    try {
      while (failure == null && inFlight.size() > left) {
        int g = takeGroup();
        if (g >= 0) {
          runStep(g);
        } else {
          changed.awaitUninterruptibly();
        }
      }
      if (failure != null) {
        abandonSteps();
        throw failure;
      }
    } finally {
      lock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the helpers once no group is running a step; the steps not started are dropped. */
  void stop() {
    lock.lock();
    try {
      abandonSteps();
      stopped = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (pool != null) {
      pool.shutdown();
    }
  }

  /** A group with a step waiting and no thread on it, now marked busy; -1 if none. Holds the lock. */
  private int takeGroup() {
    int n = groups.size();
    for (int i = 0; i < n; i++) {
      int g = (nextGroup + i) % n;
      if (!busy[g] && !queues.get(g).isEmpty()) {
        nextGroup = (nextGroup + i + 1) % n;
        busy[g] = true;
        return g;
      }
    }
    return -1;
  }

  /** Runs the oldest step of group {@code g} (taken by {@link #takeGroup}) without the lock, then records it. */
  private void runStep(int g) {
    ArrayDeque<Job<G>> queue = queues.get(g);
    Job<G> job = queue.peekFirst();
    RuntimeException failed = null;
    lock.unlock();
    try {
      job.step.run(groups.get(g));
    } catch (IOException | RuntimeException e) {
      failed = e instanceof RuntimeException r ? r : new DataWriteException("cannot write " + target, e);
    } catch (Error e) {
      failed = new DataWriteException("cannot write " + target, e);
    } finally {
      lock.lock();
    }
    busy[g] = false;
    queue.pollFirst();
    if (failed != null) {
      if (failure == null) {
        failure = failed;
      } else {
        failure.addSuppressed(failed);
      }
    }
    if (--job.groupsLeft == 0) {
      inFlight.remove(job);
    }
    changed.signalAll();
  }

  /** After a failure: drops the steps not started and waits until no group is running one. Holds the lock. */
  private void abandonSteps() {
    for (int g = 0; g < queues.size(); g++) {
      ArrayDeque<Job<G>> queue = queues.get(g);
      while (queue.size() > (busy[g] ? 1 : 0)) {
        queue.pollLast();
      }
    }
    while (anyBusy()) {
      changed.awaitUninterruptibly();
    }
    inFlight.clear();
  }

  private boolean anyBusy() {
    for (boolean b : busy) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  /** What a helper thread does until stopped: take waiting steps, or wait for some. */
  private void help() {
    lock.lock();
    try {
      while (!stopped) {
        int g = failure == null ? takeGroup() : -1;
        if (g >= 0) {
          runStep(g);
        } else {
          changed.awaitUninterruptibly();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Splits columns of the given estimated costs into at most {@code groups} contiguous ranges of
   * about equal cost; returns the {@code ranges + 1} bounds.
   */
  static int[] groupBounds(long[] costs, int groups) {
    int n = costs.length;
    long[] prefix = new long[n + 1];
    for (int c = 0; c < n; c++) {
      prefix[c + 1] = prefix[c] + costs[c];
    }
    int count = Math.max(1, Math.min(groups, n));
    List<Integer> bounds = new ArrayList<>(List.of(0));
    for (int g = 1; g < count; g++) {
      // The first column at which the running cost reaches g / count of the total.
      long goal = prefix[n] * g / count;
      int at = bounds.get(bounds.size() - 1) + 1;
      while (at < n && prefix[at] < goal) {
        at++;
      }
      if (at < n && at > bounds.get(bounds.size() - 1)) {
        bounds.add(at);
      }
    }
    bounds.add(n);
    return bounds.stream().mapToInt(Integer::intValue).toArray();
  }
}
