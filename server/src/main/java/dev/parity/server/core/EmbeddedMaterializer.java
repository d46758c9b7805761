package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.offline.LatestValuesRequest;
import dev.parity.offline.Progress;
import dev.parity.offline.SkippedRows;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineView;
import dev.parity.online.WriteResult;
import dev.parity.registry.metadata.RunCounts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Materialization on the embedded engine: each view's latest values from the stores' offline
 * engine ({@link LatestRows}), written by the stores' online store as the engine delivers them.
 * The future-time limit is taken from the stores' clock when each view starts.
 */
final class EmbeddedMaterializer implements ViewMaterializer {
  private final RepositoryStores stores;

  EmbeddedMaterializer(RepositoryStores stores) {
    this.stores = requireNonNull(stores, "stores is null");
  }

  @Override
  public void materialize(FeatureRepository repository, List<ViewRun> views, Instant end, Progress progress,
      ViewResults results) {
    for (ViewRun run : views) {
      Tally tally = new Tally();
      try {
        results.succeeded(materializeView(repository, run, end, progress, tally));
      } catch (RuntimeException e) {
        // The view that failed half way records what it wrote before: those rows are online.
        results.failed(run.view().name(), tally.counts());
        throw e;
      }
    }
  }

  /**
   * What the view being materialized did so far: rows read, entities delivered, online rows
   * written (acknowledged by the store) and unchanged. Updated by the engine's consumer (called
   * serially, from the engine's threads) and read by the caller after the engine returned or
   * failed.
   */
  private static final class Tally {
    final AtomicLong read = new AtomicLong();
    final AtomicLong entities = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();

    RunCounts counts() {
      return new RunCounts(read.get(), written.get(), entities.get());
    }
  }

  private ViewMaterialization materializeView(FeatureRepository repository, ViewRun run, Instant end,
      Progress progress, Tally tally) {
    OnlineView view = run.view();
    FeatureView definition = repository.featureView(view.name()).orElseThrow();
    LatestRows rows = LatestRows.of(repository, definition, view, end);
    OnlineStore store = stores.online();
    AtomicLong read = tally.read;
    Progress counting = new Progress() {
      @Override
      public void rowsRead(String table, long count) {
        read.addAndGet(count);
        progress.rowsRead(table, count);
      }

      @Override
      public void partitionDone(int done, int total) {
        progress.partitionDone(done, total);
      }
    };
    FutureTimeLimit limit = repository.config().futureTimeLimit(stores.clock());
    SkippedRows skipped = stores.offline().latestValues(new LatestValuesRequest(rows.offlineView(), end, run.start(),
        Optional.empty(), Optional.of(limit)), batch -> {
      tally.entities.addAndGet(batch.getRowCount());
      List<OnlineRow> converted = rows.convert(batch);
      if (!converted.isEmpty()) {
        WriteResult written = store.write(view, converted);
        tally.written.addAndGet(written.written());
        tally.unchanged.addAndGet(written.skipped());
      }
      progress.rowsWritten(batch.getRowCount());
    }, counting);
    return new ViewMaterialization(view.name(), view.version(), Optional.of(run.runId()), run.start(), end,
        read.get(), tally.entities.get(), tally.written.get(), tally.unchanged.get(), Optional.of(limit), skipped);
  }
}
