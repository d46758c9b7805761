package dev.parity.reports.consistency;

import java.time.Instant;
import java.util.Optional;

/**
 * What the metadata store knows of materialization runs, as the consistency report needs it. The
 * server implements it over its metadata store; implementations must be thread-safe.
 */
@FunctionalInterface
public interface MaterializationHistory {
  /**
   * The latest interval end of a successful materialization of {@code view} that had finished at
   * {@code asOf}: the time the online store's values of the view were computed at. Empty when none
   * had finished.
   */
  Optional<Instant> lastEnd(String view, Instant asOf);

  /** A history without any run: every view is never materialized. */
  static MaterializationHistory none() {
    return (view, asOf) -> Optional.empty();
  }
}
