package dev.parity.reports.skew;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The profiles of some columns of one data set, built by a {@link Profiler}: bounded memory
 * whatever the number of rows, and mergeable, so parts profiled apart (files, row groups, time
 * ranges) combine into the whole. Not thread-safe.
 */
public final class DatasetProfile {
  private final Map<String, ColumnProfile> columns;
  private long rows;

  DatasetProfile(Map<String, ColumnProfile> columns, long rows) {
    this.columns = new LinkedHashMap<>(columns);
    this.rows = rows;
  }

  /** Rows profiled. */
  public long rows() {
    return rows;
  }

  /** The columns profiled. */
  public Set<String> columns() {
    return Collections.unmodifiableSet(columns.keySet());
  }

  /**
   * Adds {@code other}'s rows to this profile; {@code other} is left unchanged.
   *
   * @throws IllegalArgumentException if the two profile different columns
   */
  public void merge(DatasetProfile other) {
    if (!columns.keySet().equals(other.columns.keySet())) {
      throw new IllegalArgumentException("cannot merge profiles of columns " + columns.keySet() + " and " + other.columns.keySet());
    }
    columns.forEach((name, profile) -> profile.merge(other.columns.get(name)));
    rows += other.rows;
  }

  ColumnProfile column(String name) {
    ColumnProfile profile = columns.get(name);
    if (profile == null) {
      throw new IllegalArgumentException("column " + name + " was not profiled; profiled: " + columns.keySet());
    }
    return profile;
  }
}
