package dev.parity.reports.skew;

import static java.util.Objects.requireNonNull;

import dev.parity.ParityException;
import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.MonitoringThresholds;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.selection.ResolvedSelection;
import dev.parity.definitions.selection.SelectedFeature;
import dev.parity.definitions.selection.SelectionResolver;
import dev.parity.reports.skew.SkewReport.Dataset;
import dev.parity.reports.skew.SkewReport.FeatureSkew;
import dev.parity.reports.skew.SkewReport.Settings;
import dev.parity.reports.skew.SkewReport.Verdict;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.datasketches.kll.KllSketch;

/**
 * Distribution skew reports (not written yet: see docs/README.md): compares every feature of a feature service between a
 * reference and a current data set. Each side is profiled in one streaming pass (the two sides at
 * once, on two threads); bins come from the reference and are applied to both; thresholds come
 * from the definitions' {@code monitoring:} blocks ({@link MonitoringThresholds}).
 *
 * <p>A feature is read from the column named {@code view__feature} if the data set has one (the
 * default of training sets and the serving log), else from the column named like the feature.
 * Thread-safe: independent reports may run at once.
 */
public final class SkewReports {
  private final BufferAllocator allocator;
  private final Clock clock;
  private final SkewOptions options;

  /**
   * @param allocator parent of each pass's Arrow memory; the caller keeps ownership
   * @param clock the report's time
   */
  public SkewReports(BufferAllocator allocator, Clock clock, SkewOptions options) {
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.options = requireNonNull(options, "options is null");
  }

  /**
   * @throws dev.parity.definitions.UnknownDefinitionException if there is no such service
   * @throws SkewInputException if a side lacks a feature's column, holds it with another type, or
   *     has no rows
   * @throws ParityException for unreadable data
   */
  public SkewReport compare(FeatureRepository repository, String service, SkewInput reference, SkewInput current) {
    requireNonNull(repository, "repository is null");
    requireNonNull(service, "service is null");
    ResolvedSelection selection = SelectionResolver.resolve(repository, FeatureSelector.service(service));
    Map<SelectedFeature, String> referenceColumns = columns(selection, reference, "reference");
    Map<SelectedFeature, String> currentColumns = columns(selection, current, "current");
    DatasetProfile[] profiles = profileBoth(reference, types(referenceColumns), current, types(currentColumns));
    for (int side = 0; side < 2; side++) {
      if (profiles[side].rows() == 0) {
        throw new SkewInputException("the " + (side == 0 ? "reference" : "current") + " data set ("
            + (side == 0 ? reference : current).description() + ") has no rows");
      }
    }
    List<FeatureSkew> features = new ArrayList<>();
    for (SelectedFeature feature : selection.features()) {
      String referenceColumn = referenceColumns.get(feature);
      String currentColumn = currentColumns.get(feature);
      features.add(FeatureComparison.compare(feature.ref().requestForm(),
          referenceColumn.equals(currentColumn) ? referenceColumn : referenceColumn + " / " + currentColumn, feature.type(),
          profiles[0].column(referenceColumn), profiles[1].column(currentColumn),
          MonitoringThresholds.of(repository, Optional.of(service), feature.ref()), options));
    }
    features.sort(Comparator.comparingDouble(FeatureSkew::severity).reversed().thenComparing(FeatureSkew::feature));
    int failed = (int) features.stream().filter(f -> f.verdict() == Verdict.FAIL).count();
    Settings settings = new Settings(options.numericBins(), options.topCategories(), SkewStatistics.PSI_EMPTY_BIN,
        options.quantileSketchK(), KllSketch.getNormalizedRankError(options.quantileSketchK(), false));
    return new SkewReport(service, clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(),
        new Dataset(reference.description(), profiles[0].rows()), new Dataset(current.description(), profiles[1].rows()),
        failed > 0 ? Verdict.FAIL : Verdict.PASS, failed, settings, features);
  }

  /** The column of each feature in {@code input}, checked for type and for two features sharing one. */
  private static Map<SelectedFeature, String> columns(ResolvedSelection selection, SkewInput input, String side) {
    Map<String, DataType> available = input.columns();
    Map<SelectedFeature, String> columns = new LinkedHashMap<>();
    Map<String, SelectedFeature> readers = new HashMap<>();
    for (SelectedFeature feature : selection.features()) {
      String full = feature.outputName(true);
      String plain = feature.outputName(false);
      String column = available.containsKey(full) ? full : available.containsKey(plain) ? plain : null;
      if (column == null) {
        throw new SkewInputException("the " + side + " data set (" + input.description() + ") has no column for feature "
            + feature.ref().requestForm() + " (looked for " + full + " and " + plain + ")");
      }
      if (available.get(column) != feature.type()) {
        throw new SkewInputException("the " + side + " data set (" + input.description() + ") holds feature "
            + feature.ref().requestForm() + " in column " + column + " as " + available.get(column) + ", but the feature is "
            + feature.type());
      }
      SelectedFeature other = readers.putIfAbsent(column, feature);
      if (other != null) {
        throw new SkewInputException("features " + other.ref().requestForm() + " and " + feature.ref().requestForm()
            + " would both be read from column " + column + " of the " + side + " data set (" + input.description()
            + "); write it with full feature names (view__feature)");
      }
      columns.put(feature, column);
    }
    return columns;
  }

  private static Map<String, DataType> types(Map<SelectedFeature, String> columns) {
    Map<String, DataType> types = new LinkedHashMap<>();
    columns.forEach((feature, column) -> types.put(column, feature.type()));
    return types;
  }

  /** Profiles the reference on a thread of its own while this one profiles the current side. */
  private DatasetProfile[] profileBoth(SkewInput reference, Map<String, DataType> referenceColumns, SkewInput current,
      Map<String, DataType> currentColumns) {
    FutureTask<DatasetProfile> referenceTask =
        new FutureTask<>(() -> reference.profile(referenceColumns, options, allocator));
    Thread thread = new Thread(referenceTask, "parity-skew-reference");
    thread.setDaemon(true);
    thread.start();
    DatasetProfile currentProfile;
    try {
      currentProfile = current.profile(currentColumns, options, allocator);
    } catch (RuntimeException e) {
      awaitQuietly(referenceTask);
      throw e;
    }
    try {
      return new DatasetProfile[] {referenceTask.get(), currentProfile};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ParityException("interrupted while profiling the reference data set", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("profiling the reference failed", e.getCause());
    }
  }

  /**
   * Waits for a task whose result no longer matters, so that its Arrow memory is released before
   * the caller may close the allocator (cancelling would return before the thread stops).
   */
  private static void awaitQuietly(FutureTask<?> task) {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // the current side's failure is the one reported
    }
  }
}
