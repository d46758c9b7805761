package dev.parity.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load loop the lookup benchmarks share (ClientLookupBench, DirectLookupBench): {@code
 * threads} threads each calling one lookup, either as fast as they can (closed loop, as {@code
 * wrk -c THREADS} does) or at a fixed total rate, each call due at its time and its latency
 * counted from then, so that a stall is not hidden by the calls it delayed.
 */
final class LookupLoad {
  private LookupLoad() {}

  /** The latencies of one run, sorted, with its rate, its failures and the process's CPU per call. */
  record Result(long[] latencies, double rate, long errors, double cpuMicrosPerCall) {
    double percentile(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1);
      return latencies[Math.max(0, index)] / 1e6;
    }

    /** {@code p50 ... ms, p99 ... ms, p99.9 ... ms, max ... ms}. */
    String latencyText() {
      return String.format(java.util.Locale.ROOT, "p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms",
          percentile(0.50), percentile(0.99), percentile(0.999), percentile(1.0));
    }
  }

  /**
   * Runs {@code lookup} on {@code threads} threads for {@code seconds}, at {@code rate} calls per
   * second in total, or as fast as possible when {@code rate} is 0. A call that throws counts as
   * an error (its latency is kept).
   */
  static Result run(Runnable lookup, int threads, double seconds, double rate) throws InterruptedException {
    long interval = rate > 0 ? (long) (1e9 * threads / rate) : 0;
    AtomicLong errors = new AtomicLong();
    int[] counts = new int[threads];
    // Everything is allocated and every thread started before the clock starts: the latency
    // arrays are 8 MB each (humongous for G1, zeroed at once, possibly a GC), and a thread started
    // after its first due time would begin late, its backlog counted against the lookups.
    long[][] perThread = new long[threads][];
    CountDownLatch go = new CountDownLatch(1);
    long[] clock = new long[2]; // start and end, written before go opens
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long[] latencies = new long[1 << 20];
      perThread[t] = latencies;
      int id = t;
      Thread worker = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        long start = clock[0];
        long end = clock[1];
        int n = 0;
        // Fixed rate: thread t's calls are due at start + (t / threads + k) * interval.
        long due = start + interval * id / threads;
        while (n < latencies.length) {
          if (interval > 0) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
          }
          long sent = interval > 0 ? due : System.nanoTime();
          if (sent - end >= 0) {
            break;
          }
          try {
            lookup.run();
          } catch (RuntimeException e) {
            errors.incrementAndGet();
          }
          latencies[n++] = System.nanoTime() - sent;
          due += interval;
        }
        counts[id] = n;
      }, "bench-" + t);
      workers.add(worker);
      worker.start();
    }
    // A collection now, not in the run: the young collection after the 8 MB arrays' allocation
    // copies them out of the young generation, and it came during the measurement — 150-750 ms
    // with the Serial collector a JVM pinned to one core (PIN=1) chooses, one stall that set the
    // fixed-rate p99 (bench/HISTORY.md). Collected here, they are old when the clock starts.
    System.gc();
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    clock[0] = start;
    clock[1] = start + (long) (seconds * 1e9);
    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(perThread[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    double cpu = (processCpuNanos() - cpuBefore) / 1e3 / Math.max(1, total);
    return new Result(all, total / elapsed, errors.get(), cpu);
  }

  /** CPU time of this process (every thread, the JIT and GC included). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
