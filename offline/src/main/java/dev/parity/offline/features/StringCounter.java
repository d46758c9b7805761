package dev.parity.offline.features;

import dev.parity.offline.features.FeatureStatistics.Strings;
import dev.parity.offline.features.FeatureStatistics.ValueCount;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Distinct count and most frequent values of a string column in bounded memory: exact counts
 * while there are at most {@link FeatureStatistics#EXACT_DISTINCT} distinct values; beyond, a
 * HyperLogLog (2^14 registers) estimates the distinct count and a Space-Saving variant keeps
 * {@value #COUNTERS} to twice as many counters, which may over-count by the largest count pruned. Not
 * thread-safe. Counters of parts of a column merge ({@link #merge}): exact while the parts together
 * hold at most {@link FeatureStatistics#EXACT_DISTINCT} distinct values.
 */
final class StringCounter implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int COUNTERS = 10_000;
  private static final int P = 14;

  private Map<String, Long> counts = new HashMap<>();
  private byte[] registers;
  /** Largest count dropped by pruning: the most any kept count may over-count. */
  private long floor;

  void add(String value) {
    Long previous = counts.get(value);
    if (previous != null) {
      counts.put(value, previous + 1);
    } else if (registers == null && counts.size() < FeatureStatistics.EXACT_DISTINCT) {
      counts.put(value, 1L);
    } else {
      if (registers == null) {
        overflow();
      }
      evictAndAdd(value);
    }
    if (registers != null) {
      offer(value);
    }
  }

  /**
   * Adds what {@code other} counted: exact counts add up; beyond {@link
   * FeatureStatistics#EXACT_DISTINCT} distinct values both go to the sketches (registers take the
   * larger rank; a value one side did not keep counts that side's largest pruned count, so counts
   * still never under-count).
   */
  void merge(StringCounter other) {
    if (registers == null && other.registers == null) {
      Map<String, Long> sum = new HashMap<>(counts);
      other.counts.forEach((value, n) -> sum.merge(value, n, Long::sum));
      if (sum.size() <= FeatureStatistics.EXACT_DISTINCT) {
        counts = sum;
        return;
      }
    }
    if (registers == null) {
      overflow();
    }
    byte[] theirs = other.registers;
    if (theirs == null) {
      other.counts.keySet().forEach(this::offer);
    } else {
      for (int i = 0; i < registers.length; i++) {
        registers[i] = (byte) Math.max(registers[i], theirs[i]);
      }
    }
    Map<String, Long> sum = new HashMap<>();
    counts.forEach((value, n) -> sum.put(value, n + other.counts.getOrDefault(value, other.floor)));
    other.counts.forEach((value, n) -> sum.putIfAbsent(value, n + floor));
    floor += other.floor;
    counts = sum;
    if (counts.size() >= 2 * COUNTERS) {
      prune(COUNTERS);
    }
  }

  /** Switches to the sketches: every value seen goes into the HyperLogLog, the top ones stay counted. */
  private void overflow() {
    registers = new byte[1 << P];
    counts.keySet().forEach(this::offer);
    prune(COUNTERS);
  }

  /**
   * Space-Saving with batched eviction: a new value starts at the largest count dropped so far plus
   * one (so counts never under-count); when the map reaches twice {@value #COUNTERS} entries, only
   * the largest {@value #COUNTERS} are kept. Amortized O(log COUNTERS) per value.
   */
  private void evictAndAdd(String value) {
    counts.put(value, floor + 1);
    if (counts.size() >= 2 * COUNTERS) {
      prune(COUNTERS);
    }
  }

  private void prune(int keep) {
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    Map<String, Long> kept = new HashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      if (i < keep) {
        kept.put(sorted.get(i).getKey(), sorted.get(i).getValue());
      } else {
        floor = Math.max(floor, sorted.get(i).getValue());
      }
    }
    counts = kept;
  }

  private void offer(String value) {
    long hash = hash(value);
    int index = (int) (hash >>> (64 - P));
    int rank = Long.numberOfLeadingZeros((hash << P) | (1L << (P - 1))) + 1;
    if (rank > registers[index]) {
      registers[index] = (byte) rank;
    }
  }

  /** FNV-1a over UTF-8, finished with SplitMix64's mixer for well-spread high bits. */
  private static long hash(String value) {
    long h = 0xcbf29ce484222325L;
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  private long estimate() {
    int m = registers.length;
    double sum = 0;
    int zeros = 0;
    for (byte r : registers) {
      sum += StrictMath.pow(2, -r);
      if (r == 0) {
        zeros++;
      }
    }
    double alpha = 0.7213 / (1 + 1.079 / m);
    double raw = alpha * m * m / sum;
    if (raw <= 2.5 * m && zeros > 0) {
      raw = m * StrictMath.log((double) m / zeros);
    }
    return Math.round(raw);
  }

  Strings result(int top) {
    List<ValueCount> values = new ArrayList<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .forEach(e -> values.add(new ValueCount(e.getKey(), e.getValue())));
    boolean exact = registers == null;
    return new Strings(exact ? counts.size() : estimate(), values, exact);
  }
}
