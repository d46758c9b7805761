package dev.parity.server.push;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.definitions.Source;
import dev.parity.definitions.SourceFormat;
import dev.parity.offline.LatestValuesRequest;
import dev.parity.offline.OfflineSource;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;
import dev.parity.offline.parquet.write.DataWriteException;
import dev.parity.offline.parquet.write.Timestamps;
import dev.parity.offline.work.WorkFolder;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStoreUnavailableException;
import dev.parity.online.OnlineView;
import dev.parity.online.WriteResult;
import dev.parity.online.serving.OnlineViews;
import dev.parity.server.core.LatestRows;
import dev.parity.server.core.NotAppliedException;
import dev.parity.server.core.RegistryCheck;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.ValidationFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push (docs/online.md, Feast's push): fresh rows of a source written online, appended offline, or both,
 * with the validation and ordering rules of materialization.
 *
 * <ol>
 *   <li>Only a repository identical to its registry is pushed to ({@link NotAppliedException}):
 *       values are written under registered versions.
 *   <li>Rows are checked against the source: no unknown column; every column the source's
 *       feature views need (event timestamp, join keys, features, expression and aggregation
 *       inputs) present; values of the column's type after the source widening rules (int8/16/32
 *       to int64, float32 to float64; a JSON or CSV number to either when it fits); timestamps
 *       with a zone; a value in every join key and event timestamp (feature values may be null).
 *       A declared created timestamp column the rows lack is filled with the push time. No event
 *       or created time beyond {@code now + max_future_skew} ({@link FutureTimeLimit}, which owns
 *       the rule). Errors name the row index (from 0) and column ({@link PushException}).
 *   <li>The rows are validated with the {@code validation:} rules of the source's views, except
 *       {@code row_count} and {@code freshness}, which are about a source's data over a run's
 *       interval, not one batch (see {@link PushValidation}); a failure throws {@link
 *       ValidationFailedException}.
 *   <li>Each online feature view of the source with point-in-time features gets, per entity of
 *       the batch, the value a training set at T = the batch's newest event time would get from
 *       the batch alone, computed by the offline engine's latest-values path exactly as
 *       materialization computes it (so row transforms run the same compiled code, rows older
 *       than T - ttl are left out, ties go to the greater created time, then the later row). The
 *       online store keeps the newer row atomically: a pushed row older than the stored one is
 *       not written; an equal event time with a greater created time replaces it.
 *   <li>Aggregation views are not updated: their windows need the source's history, not one
 *       batch; materialize them (after an offline push, the rows are part of that history).
 *       Views that are not online are not updated either. Both are listed in the result.
 *   <li>Offline, the rows become a new Parquet file {@code push-<UTC time>-<uuid>.parquet} in
 *       the source's directory, with every readable column of the source typed as it is read
 *       (narrow integers and floats are written widened), appearing atomically. A CSV source, or
 *       one whose path is a single file or a glob, cannot take it: refused before anything is
 *       written.
 * </ol>
 *
 * <p>Every check (rows, validation, the computation of online values) is done before anything is
 * written, so a failure writes nothing. If the online store fails after an offline append, the
 * appended file stays and a materialization covering its rows brings online up to date.
 *
 * <p>Thread-safe: concurrent pushes are safe (newer-wins is atomic in the store; offline files
 * have unique names).
 */
public final class PushService {
  private static final Logger LOG = LoggerFactory.getLogger(PushService.class);
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  static final String AGGREGATION_REASON = "an aggregation view: its windows need the source's history, "
      + "not one batch; materialize it";
  static final String OFFLINE_VIEW_REASON = "not online";

  private final RepositoryStores stores;
  private final PushValidation validation;

  /** @param stores the repository's registry, online store and offline engine */
  public PushService(RepositoryStores stores) {
    this.stores = requireNonNull(stores, "stores is null");
    this.validation = new PushValidation(stores.clock());
  }

  /**
   * The columns rows pushed to {@code source} may have, with the type each is checked against.
   *
   * @throws dev.parity.server.errors.UnknownObjectException if there is no such source
   * @throws PushException if the source's columns are not known
   */
  public Map<String, DataType> columns(FeatureRepository repository, String source) {
    return PushSchema.of(requireNonNull(repository, "repository is null"), requireNonNull(source, "source is null"))
        .types();
  }

  /**
   * Pushes {@code rows} to {@code source}.
   *
   * @throws dev.parity.server.errors.UnknownObjectException if there is no such source
   * @throws PushException if a row or column is bad, or the source cannot take an offline append
   * @throws NotAppliedException if the repository differs from its registry
   * @throws ValidationFailedException if the rows fail a view's validation rules
   * @throws dev.parity.offline.OfflineException if the rows cannot be written or read back
   * @throws dev.parity.online.OnlineStoreUnavailableException if Redis cannot be reached; pushing
   *     the same rows online again is safe (after an offline append, whose file the message names,
   *     push them with {@code to=online}: pushing them offline again would append them twice)
   */
  public PushResult push(FeatureRepository repository, String source, PushRows rows, PushTarget to) {
    requireSameStores(repository);
    return push(repository, PushSchema.of(repository, requireNonNull(source, "source is null")), rows, to);
  }

  /**
   * Writes {@code rows} of {@code view}'s source to {@code view} alone, online (Feast's write to
   * the online store): the rows need only the columns this view reads, and go through the same
   * checks, validation, computation and newer-wins write as a push. An aggregation view or a view
   * that is not online is refused, before anything is written.
   *
   * @throws PushException if the view is an aggregation view or not online, or as {@link #push}
   * @throws NotAppliedException if the repository differs from its registry
   * @throws ValidationFailedException if the rows fail the view's validation rules
   * @throws dev.parity.online.OnlineStoreUnavailableException if Redis cannot be reached
   */
  public PushResult writeOnline(FeatureRepository repository, FeatureView view, PushRows rows) {
    requireSameStores(repository);
    requireNonNull(view, "view is null");
    if (view.isAggregation()) {
      throw new PushException("feature view '" + view.name() + "' is " + AGGREGATION_REASON
          + ": its values cannot be written row by row; nothing was written");
    }
    if (!view.online()) {
      throw new PushException("feature view '" + view.name() + "' is not online (online: false); nothing was written");
    }
    return push(repository, PushSchema.forView(repository, view), rows, PushTarget.ONLINE);
  }

  private PushResult push(FeatureRepository repository, PushSchema schema, PushRows rows, PushTarget to) {
    requireNonNull(rows, "rows is null");
    requireNonNull(to, "to is null");
    Optional<Path> directory = to.offline() ? Optional.of(appendDirectory(repository, schema.source())) : Optional.empty();
    RegistryCheck.requireApplied(repository, stores.registry());
    FutureTimeLimit limit = repository.config().futureTimeLimit(stores.clock());
    Instant now = limit.now();
    PushTable table = PushTable.check(schema, rows, limit);

    List<OnlineView> targets = new ArrayList<>();
    List<PushResult.NotUpdated> notUpdated = new ArrayList<>();
    plan(repository, schema, to, targets, notUpdated);

    WorkFolder work = claimWorkFolder();
    try {
      // A directory of its own: validation reads it as the source, and the working folder has its lock file.
      Path batch = work.path().resolve("batch").resolve("rows.parquet");
      table.writeParquet(batch, work);
      validation.check(repository, schema, batch.getParent(), stores.metadata());
      Map<OnlineView, List<OnlineRow>> computed = new LinkedHashMap<>();
      Instant end = table.maxTime(schema.source().timestampColumn());
      for (OnlineView view : targets) {
        computed.put(view, latestRows(repository, schema.source(), view, batch, end));
      }
      // Offline first: the offline source is the record training sets and materializations read.
      // If the online write then fails, a materialization repairs online from it; the other way
      // round, online would serve values no training set ever sees.
      Optional<Path> appended = directory.map(dir -> {
        Path file = dir.resolve("push-" + FILE_TIME.format(now) + "-" + UUID.randomUUID() + ".parquet");
        table.writeParquet(file, work);
        return file;
      });
      List<PushResult.ViewPush> views = new ArrayList<>();
      try {
        computed.forEach((view, latest) -> {
          WriteResult written = latest.isEmpty() ? new WriteResult(0, 0) : stores.online().write(view, latest);
          views.add(new PushResult.ViewPush(view.name(), view.version(), latest.size(), written.written(),
              written.skipped()));
        });
      } catch (OnlineStoreUnavailableException e) {
        if (appended.isEmpty()) {
          throw e;
        }
        // Retrying the whole push would append the rows offline a second time (aggregations would
        // count them twice): say what is done and how to finish.
        throw new OnlineStoreUnavailableException(e.getMessage() + "; the rows were appended offline to "
            + appended.get().getFileName() + ": retry with to=online (or materialize) to update the online store", e);
      }
      advanceWatermarks(repository, schema, to, views, end);
      return new PushResult(schema.source().name(), table.rowCount(), to, views, notUpdated, appended);
    } finally {
      release(work);
    }
  }

  /**
   * Moves the push watermark of the views the rows reached (every view of the source when appended
   * offline, else those written online) to the batch's newest event time: what {@code new_data}
   * triggers on a view watch. The rows are written by now; a registry that cannot record it is
   * logged, not made the push's failure (retrying would append the rows offline twice).
   */
  private void advanceWatermarks(FeatureRepository repository, PushSchema schema, PushTarget to,
      List<PushResult.ViewPush> online, Instant end) {
    Map<String, Instant> reached = new LinkedHashMap<>();
    online.forEach(view -> reached.put(view.view(), end));
    if (to.offline()) {
      schema.views().forEach(view -> reached.put(view.name(), end));
    }
    if (reached.isEmpty()) {
      return;
    }
    try {
      stores.metadata().advancePushWatermarks(repository.config().project(), reached);
    } catch (RuntimeException e) {
      LOG.warn("The push to source {} is written, but its watermark could not be recorded: {}",
          schema.source().name(), e.getMessage(), e);
    }
  }

  /**
   * A working folder of this push under the stores' temporary directory, locked while the push
   * runs: if the process dies, the next run removes it and the hidden temporary file of a
   * half-appended source file ({@link WorkFolder}).
   */
  private WorkFolder claimWorkFolder() {
    try {
      return WorkFolder.claim(stores.temporaryDirectory(), "push-");
    } catch (IOException e) {
      throw new DataWriteException("cannot create the push's working folder under " + stores.temporaryDirectory()
          + ": " + e.getMessage(), e);
    }
  }

  private void requireSameStores(FeatureRepository repository) {
    requireNonNull(repository, "repository is null");
    if (!repository.config().equals(stores.repository().config())
        || !repository.root().equals(stores.repository().root())) {
      throw new IllegalArgumentException("the stores were opened for " + stores.repository().root()
          + ", not for " + repository.root());
    }
  }

  private static void plan(FeatureRepository repository, PushSchema schema, PushTarget to, List<OnlineView> targets,
      List<PushResult.NotUpdated> notUpdated) {
    if (!to.online()) {
      return;
    }
    OnlineViews online = OnlineViews.of(repository);
    for (FeatureView view : schema.views()) {
      if (view.isAggregation()) {
        notUpdated.add(new PushResult.NotUpdated(view.name(), AGGREGATION_REASON));
      } else if (!view.online()) {
        notUpdated.add(new PushResult.NotUpdated(view.name(), OFFLINE_VIEW_REASON));
      } else {
        // A view the server cannot describe (unknown key types) fails here, before anything is written.
        targets.add(online.view(view.name()));
      }
    }
  }

  /** The view's latest values over the batch file alone, as materialization computes them at {@code end}. */
  private List<OnlineRow> latestRows(FeatureRepository repository, Source source, OnlineView view, Path batch,
      Instant end) {
    LatestRows rows = LatestRows.of(repository, repository.featureView(view.name()).orElseThrow(), view, end);
    OfflineView full = rows.offlineView();
    OfflineView overBatch = new OfflineView(full.name(), full.joinKeys(),
        OfflineSource.parquet(batch.toString(), source.timestampColumn(), source.createdTimestampColumn()),
        full.ttl(), full.features(), full.aggregations());
    List<OnlineRow> out = new ArrayList<>();
    // The consumer is called serially.
    stores.offline().latestValues(new LatestValuesRequest(overBatch, end, Optional.empty(), Optional.empty()),
        values -> out.addAll(rows.convert(values)), Progress.NONE);
    return out;
  }

  /**
   * The directory pushed rows are appended to.
   *
   * @throws PushException if the source is CSV, or its path is a glob, a file or missing
   */
  private static Path appendDirectory(FeatureRepository repository, Source source) {
    String refusal = "; push with to=online, or point the source at a directory of Parquet files";
    if (source.format() != SourceFormat.PARQUET) {
      throw new PushException("source '" + source.name() + "' is a " + source.format().name().toLowerCase(Locale.ROOT)
          + " source: only a Parquet source whose path is a directory can take pushed rows offline" + refusal);
    }
    if (source.path().chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
      throw new PushException("source '" + source.name() + "' has the glob path '" + source.path()
          + "': pushed rows are appended as a new file in the source's directory, which a glob does not name" + refusal);
    }
    Path directory = source.resolve(repository.root()).toAbsolutePath().normalize();
    if (!Files.isDirectory(directory)) {
      throw new PushException("source '" + source.name() + "' has the path '" + source.path() + "', which is "
          + (Files.exists(directory) ? "a single file" : "missing")
          + ": pushed rows are appended as a new file in the source's directory" + refusal);
    }
    return directory;
  }

  private static void release(WorkFolder work) {
    try {
      work.close();
    } catch (UncheckedIOException e) {
      // The push is done (or failed for its own reason); a leftover temporary file is not worth failing it.
      LOG.warn("Could not delete the push's working folder {}: {}", work.path(), e.getMessage());
    }
  }
}
