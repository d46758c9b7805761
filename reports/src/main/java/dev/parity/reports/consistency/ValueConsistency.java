package dev.parity.reports.consistency;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.selection.ResolvedSelection;
import dev.parity.definitions.selection.SelectionResolver;
import dev.parity.definitions.selection.ViewRead;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.features.TrainingSets;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.reports.consistency.Attribution.Mismatch;
import dev.parity.reports.consistency.ConsistencyReport.CauseCount;
import dev.parity.reports.consistency.ConsistencyReport.Example;
import dev.parity.reports.consistency.ConsistencyReport.FeatureConsistency;
import dev.parity.reports.consistency.ConsistencyReport.Source;
import dev.parity.reports.consistency.ConsistencyReport.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Value consistency reports (docs/reports.md): served values against the offline values at the
 * same times, per feature of a service, with a {@link MismatchCause} and examples for every
 * mismatch. The offline values come from the offline path's public training-set API ({@link
 * TrainingSets}) with the served rows as entity rows, so both paths are compared, not a copy of
 * one. Thread-safe: independent reports may run at once.
 */
public final class ValueConsistency {
  private final OfflineEngine engine;
  private final Clock clock;
  private final ConsistencyOptions options;
  private final BufferAllocator allocator;
  private final OfflineRecompute recompute;
  private final Attribution attribution;

  /**
   * @param engine the offline engine the recomputation and the sample's keys read with
   * @param allocator parent of the report's Arrow memory; the caller keeps ownership
   * @param offlineOptions the offline path's options (temporary directory, threads, memory)
   * @param clock the report's time, and the {@code now} of a sample
   * @param history the materialization runs, for the lag and never-materialized causes
   */
  public ValueConsistency(OfflineEngine engine, BufferAllocator allocator, OfflineOptions offlineOptions, Clock clock,
      MaterializationHistory history, ConsistencyOptions options) {
    this.engine = requireNonNull(engine, "engine is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.options = requireNonNull(options, "options are null");
    this.recompute = new OfflineRecompute(new TrainingSets(engine, allocator, offlineOptions, clock), allocator, options);
    this.attribution = new Attribution(recompute, requireNonNull(history, "history is null"));
  }

  /**
   * Compares every row of the serving log of {@code service} served in {@code [from, to)}.
   *
   * @param logDirectory the service's serving log directory ({@code <offline>/serving_log/<service>})
   * @throws dev.parity.definitions.UnknownDefinitionException if there is no such service
   * @throws ConsistencyInputException if there is no log, no row in the range, or a file lacks a
   *     join key; or {@code from} is not before {@code to}
   * @throws dev.parity.ParityException for the offline path's failures
   */
  public ConsistencyReport servingLog(FeatureRepository repository, String service, Path logDirectory, Instant from,
      Instant to) {
    requireNonNull(logDirectory, "log directory is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    if (!from.isBefore(to)) {
      throw new ConsistencyInputException("the serving log range is empty: from " + from + " is not before to " + to);
    }
    ResolvedSelection selection = SelectionResolver.resolve(repository, FeatureSelector.service(service));
    ServedLayout layout = ServedLayout.of(repository, selection);
    List<FeatureDependencies> features = FeatureDependencies.of(repository, selection);
    // Compared chunk by chunk, so that the served rows held in memory stay bounded.
    Comparison comparison = new Comparison(features);
    ServingLogRows.read(logDirectory, layout, features, from, to, allocator, options.batchRows(), options.chunkRows(),
        chunk -> comparison.add(repository, chunk));
    return comparison.report(service, new Source("serving_log", "serving log " + logDirectory
        + ", requests in [" + from + ", " + to + ")", from.toString(), to.toString(), null));
  }

  /**
   * Looks {@code entities} up online now and compares them with the offline values now.
   * On-demand features that read request data are not compared.
   *
   * @param entities each entity's join key values by name
   * @throws ConsistencyInputException if an entity lacks a join key, or there is none
   */
  public ConsistencyReport sample(FeatureRepository repository, String service, OnlineFeatureServer online,
      List<Map<String, Object>> entities) {
    return sample(repository, service, online, entities, "given");
  }

  /**
   * Draws {@code size} entities from the offline data by a stable hash of their whole keys
   * ({@code SampleKeys}), looks them up online now and compares them with the offline values now.
   *
   * @throws ConsistencyInputException if {@code size} is not positive, no view holds every join
   *     key, or the offline data has no entity
   */
  public ConsistencyReport sample(FeatureRepository repository, String service, OnlineFeatureServer online, int size) {
    if (size < 1) {
      throw new ConsistencyInputException("the sample size must be at least 1: " + size);
    }
    ResolvedSelection selection = SelectionResolver.resolve(repository, FeatureSelector.service(service));
    List<Map<String, Object>> entities = SampleKeys.draw(engine, repository, ServedLayout.of(repository, selection),
        selection.views().stream().map(ViewRead::view).toList(), size, clock.instant());
    if (entities.isEmpty()) {
      throw new ConsistencyInputException("the offline data of service " + service + " has no entity to sample");
    }
    return sample(repository, service, online, entities, "drawn by a stable hash of their keys from the offline data");
  }

  private ConsistencyReport sample(FeatureRepository repository, String service, OnlineFeatureServer online,
      List<Map<String, Object>> entities, String how) {
    requireNonNull(online, "online server is null");
    requireNonNull(entities, "entities are null");
    ResolvedSelection selection = SelectionResolver.resolve(repository, FeatureSelector.service(service));
    ServedLayout layout = ServedLayout.of(repository, selection);
    List<FeatureDependencies> features = FeatureDependencies.of(repository, selection);
    Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
    ServedRows rows = OnlineSample.lookup(online, layout, features, entities, ServingLogRows.micros(at));
    Comparison comparison = new Comparison(features);
    comparison.add(repository, rows);
    return comparison.report(service, new Source("sample", entities.size() + " entities " + how
        + ", looked up online and computed offline at " + at, null, null, at.toString()));
  }

  /**
   * The comparison of a report's served rows, added chunk by chunk: per feature its counts, the
   * count of each cause and the first examples of each, so that nothing grows with the rows.
   * Chunking does not change the report: every count is a sum over rows, every cause is a
   * mismatch's own, and the examples are the first mismatches of each cause in row order.
   */
  private final class Comparison {
    private final List<FeatureDependencies> features;
    private final ConsistencyTally[] tallies;
    private final List<Map<MismatchCause, Long>> counts = new ArrayList<>();
    private final List<Map<MismatchCause, List<Example>>> examples = new ArrayList<>();
    private long rows;

    Comparison(List<FeatureDependencies> features) {
      this.features = features;
      this.tallies = new ConsistencyTally[features.size()];
      for (int f = 0; f < features.size(); f++) {
        tallies[f] = new ConsistencyTally(features.get(f).feature().type());
        counts.add(new EnumMap<>(MismatchCause.class));
        examples.add(new EnumMap<>(MismatchCause.class));
      }
    }

    /** Recomputes {@code served}'s rows offline, compares them and attributes their mismatches. */
    void add(FeatureRepository repository, ServedRows served) {
      List<ServedRow> chunk = served.rows();
      long[] times = chunk.stream().mapToLong(ServedRow::timeMicros).toArray();
      Object[][] offline = recompute.compute(repository, features.stream().map(FeatureDependencies::feature).toList(),
          served, chunk, times);
      for (int f = 0; f < features.size(); f++) {
        FeatureDependencies feature = features.get(f);
        ConsistencyTally tally = tallies[f];
        List<Mismatch> mismatches = new ArrayList<>();
        for (int r = 0; r < chunk.size(); r++) {
          ServedRow row = chunk.get(r);
          if (row.status()[f] == null) {
            tally.notCompared++;
          } else if (tally.add(row.online()[f], offline[f][r])) {
            mismatches.add(new Mismatch(row, offline[f][r]));
          }
        }
        attribution.attribute(repository, served, feature, f, mismatches);
        DataType type = feature.feature().type();
        for (Mismatch m : mismatches) {
          counts.get(f).merge(m.cause, 1L, Long::sum);
          List<Example> kept = examples.get(f).computeIfAbsent(m.cause, c -> new ArrayList<>());
          if (kept.size() < options.examplesPerCause()) {
            kept.add(example(m, f, type, served));
          }
        }
      }
      rows += chunk.size();
    }

    ConsistencyReport report(String service, Source source) {
      List<FeatureConsistency> results = new ArrayList<>();
      for (int f = 0; f < features.size(); f++) {
        results.add(result(f));
      }
      results.sort(Comparator.comparingDouble(FeatureConsistency::mismatchRate).reversed()
          .thenComparing(FeatureConsistency::feature));
      int failed = (int) results.stream().filter(r -> r.verdict() == Verdict.FAIL).count();
      return new ConsistencyReport(service, clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(), source,
          rows, failed > 0 ? Verdict.FAIL : Verdict.PASS, failed, options.maxMismatchRate(), results);
    }

    private FeatureConsistency result(int f) {
      FeatureDependencies feature = features.get(f);
      ConsistencyTally tally = tallies[f];
      List<CauseCount> causes = new ArrayList<>();
      counts.get(f).forEach((cause, count) -> causes.add(new CauseCount(cause, cause.label(), count,
          examples.get(f).get(cause))));
      causes.sort(Comparator.comparingLong(CauseCount::count).reversed());
      Verdict verdict = tally.mismatchRate() > options.maxMismatchRate() ? Verdict.FAIL : Verdict.PASS;
      DataType type = feature.feature().type();
      return new FeatureConsistency(feature.feature().ref().requestForm(),
          type.name().toLowerCase(java.util.Locale.ROOT), verdict, tally.total, tally.bothNull, tally.onlineOnlyNull,
          tally.offlineOnlyNull, tally.valueMismatch, tally.mismatch(), tally.mismatchRate(), tally.smape(),
          tally.notCompared, causes);
    }
  }

  private static Example example(Mismatch m, int f, DataType type, ServedRows served) {
    Map<String, Object> keys = new LinkedHashMap<>();
    for (int k = 0; k < served.keyNames().size(); k++) {
      keys.put(served.keyNames().get(k), display(served.keyTypes().get(k), m.row.keys()[k]));
    }
    return new Example(keys, Attribution.instant(m.row.timeMicros()).toString(), display(type, m.row.online()[f]),
        m.row.status()[f].name(), display(type, m.offline),
        Optional.ofNullable(m.materializedUntil).map(Instant::toString).orElse(null),
        display(type, m.offlineAtMaterialization));
  }

  /** A value as a report shows it: timestamps as ISO-8601 text. */
  private static Object display(DataType type, Object value) {
    return type == DataType.TIMESTAMP && value instanceof Long micros ? Attribution.instant(micros).toString() : value;
  }
}
