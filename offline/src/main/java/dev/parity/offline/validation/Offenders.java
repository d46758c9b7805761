package dev.parity.offline.validation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Counts rows violating one rule and keeps the first few distinct offending values. */
final class Offenders {
  static final int SAMPLE_SIZE = 5;

  private long count;
  private final Set<String> sample = new LinkedHashSet<>();

  void add(String value) {
    count++;
    if (sample.size() < SAMPLE_SIZE) {
      sample.add(value);
    }
  }

  long count() {
    return count;
  }

  List<String> sample() {
    return List.copyOf(sample);
  }

  /** {@code 3 rows, e.g. a, b} */
  String describe() {
    return Formats.rows(count) + ", e.g. " + String.join(", ", sample);
  }
}
