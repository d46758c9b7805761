package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.Progress;
import dev.parity.online.OnlineView;
import dev.parity.registry.metadata.RunCounts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Computes and writes the materializations {@link MaterializationService} has checked, recorded as
 * running and validated, on one engine: the embedded engine in this process, or a Spark job
 * ({@link dev.parity.server.spark.SparkMaterializer}). The service records each view's outcome
 * the same way whatever the engine.
 */
@FunctionalInterface
public interface ViewMaterializer {
  /**
   * Materializes {@code views} in order, each at {@code end}, telling {@code results} of each view
   * as it finishes. On the first failure it tells {@code results} which view failed and what it
   * did before (when the failure is a view's), then throws; the views after it do not run.
   *
   * @throws dev.parity.ParityException when a view or the engine fails
   */
  void materialize(FeatureRepository repository, List<ViewRun> views, Instant end, Progress progress,
      ViewResults results);

  /**
   * One view to materialize.
   *
   * @param view the online view
   * @param start its interval start; empty: from the beginning
   * @param runId its metadata run, recorded as running
   */
  record ViewRun(OnlineView view, Optional<Instant> start, long runId) {
    public ViewRun {
      requireNonNull(view, "view is null");
      requireNonNull(start, "start is null");
    }
  }

  /** Told of each view's outcome, from the thread that called {@link #materialize}. */
  interface ViewResults {
    /** {@code result.view()} is done; its values are online. */
    void succeeded(ViewMaterialization result);

    /** {@code view} failed after doing {@code soFar} (rows the store acknowledged are online). */
    void failed(String view, RunCounts soFar);
  }
}
