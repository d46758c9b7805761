package dev.parity.server.feast;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What {@code POST /write-to-online-store} does with columns the client sends that Parity computes
 * itself (row transforms): Feast's SDK sends every feature of the view, computed ones included.
 */
public enum ComputedColumns {
  /** Compare them with what Parity computes from the same row; a difference is refused (the default). */
  CHECK,
  /** Ignore them: Parity's own computation is written. */
  RECOMPUTE;

  /** For the configuration: {@code check} or {@code recompute}, any case. */
  @JsonCreator
  static ComputedColumns fromConfig(String id) {
    for (ComputedColumns mode : values()) {
      if (mode.name().equalsIgnoreCase(id == null ? "" : id.strip())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown computedColumns '" + id + "', expected check or recompute");
  }
}
