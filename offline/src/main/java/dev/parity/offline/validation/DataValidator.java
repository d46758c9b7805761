package dev.parity.offline.validation;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.ColumnRules;
import dev.parity.definitions.DataType;
import dev.parity.definitions.Durations;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.Source;
import dev.parity.definitions.SourceFormat;
import dev.parity.definitions.ValidationRules;
import dev.parity.offline.Progress;
import dev.parity.offline.schema.SourceFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a feature view's source data for a run before materialization or a training set uses
 * it (docs/offline.md): the columns the view needs with readable types, the row count of the run's
 * interval, freshness, and per-column null fraction, range and allowed values, as declared in the
 * view's {@code validation:} block or inferred from its {@code baseline:} dataset (declared rules
 * win, rule by rule). Every check is reported, failed or not.
 *
 * <p>Semantics: rows count when their event time lies in {@code [start, end]}; rows with a null
 * event time count nowhere. Freshness looks at the newest event time at or before the reference
 * time (the interval's end, or the clock's now) and fails when there is none. A NaN is not a null;
 * in a column with a range it is reported by its own {@code nan} check. Value checks of a column
 * whose schema check failed are left out, and if the event timestamp itself is unusable only the
 * schema checks are reported.
 *
 * <p>Files are streamed in batches, one column batch at a time; distinct-value tracking stops at
 * {@value Baseline#DISTINCT_LIMIT} values. Bad input is an exception, not a failed check: missing
 * files ({@link dev.parity.offline.MissingInputException}), unreadable files ({@link
 * dev.parity.offline.CorruptInputException}), CSV values that do not parse ({@link
 * dev.parity.offline.CsvParseException}, with line and column).
 *
 * <p>Immutable and thread-safe: runs may proceed concurrently.
 */
public final class DataValidator {
  static final int DEFAULT_BATCH_ROWS = 8192;

  private final Clock clock;
  private final int batchRows;

  /** @param clock gives the freshness reference time of runs with no end, and report times */
  public DataValidator(Clock clock) {
    this(clock, DEFAULT_BATCH_ROWS);
  }

  DataValidator(Clock clock, int batchRows) {
    this.clock = requireNonNull(clock, "clock is null");
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be positive: " + batchRows);
    }
    this.batchRows = batchRows;
  }

  /** As {@link #validate(FeatureRepository, String, EventInterval, Progress)} without progress. */
  public ValidationReport validate(FeatureRepository repository, String view, EventInterval interval) {
    return validate(repository, view, interval, Progress.NONE);
  }

  /**
   * Validates the source data of {@code view} for a run reading {@code interval}.
   *
   * @param progress told of rows read, under the view's name
   * @return the report; a failed validation is a report that did not pass, not an exception
   * @throws IllegalArgumentException if the repository has no such feature view
   * @throws dev.parity.offline.OfflineException if a source or baseline file is missing or
   *     unreadable, or a CSV value does not parse
   */
  public ValidationReport validate(FeatureRepository repository, String view, EventInterval interval, Progress progress) {
    requireNonNull(repository, "repository is null");
    requireNonNull(interval, "interval is null");
    requireNonNull(progress, "progress is null");
    FeatureView featureView = repository.featureView(requireNonNull(view, "view is null"))
        .orElseThrow(() -> new IllegalArgumentException("unknown feature view '" + view + "'"));
    Source source = repository.source(featureView.source())
        .orElseThrow(() -> new IllegalArgumentException("feature view '" + view + "' reads unknown source '" + featureView.source() + "'"));
    Instant validatedAt = clock.instant();
    Instant reference = interval.end().orElse(validatedAt);
    ValidationRules declared = featureView.validation()
        .orElse(new ValidationRules(Optional.empty(), Optional.empty(), Map.of(), Optional.empty()));
    Optional<Baseline> baseline = declared.baseline().map(b -> Baseline.infer(repository.root().resolve(b), batchRows));
    Optional<ValidationRules> inferred = baseline.map(b -> b.withoutValueRulesFor(joinKeys(repository, featureView)));

    List<Path> files = SourceFiles.resolve(source.resolve(repository.root()).toString());
    TableReader reader = TableReader.of(source.format(), source.schema());
    List<Map<String, dev.parity.offline.validation.ColumnType>> schemas = files.stream().map(reader::schema).toList();
    List<ValidationCheck> checks = new ArrayList<>();
    Map<String, DataType> usable = new LinkedHashMap<>();
    Set<String> broken = new HashSet<>();
    for (ColumnNeeds.Need need : ColumnNeeds.of(repository, featureView, source, declared, baseline).all()) {
      SchemaCheck.Result result = SchemaCheck.check(need, files, schemas, f -> display(repository.root(), f));
      checks.add(result.check());
      result.type().ifPresentOrElse(t -> usable.putIfAbsent(need.column, t), () -> broken.add(need.column));
    }
    broken.forEach(usable::remove);
    long rows = 0;
    if (usable.containsKey(source.timestampColumn())) {
      List<ColumnStats> stats = new ArrayList<>();
      for (ColumnPlan plan : plans(declared, inferred)) {
        if (usable.containsKey(plan.column())) {
          stats.add(new ColumnStats(plan.column(), usable.get(plan.column()), Optional.of(plan), 0));
        }
      }
      SourceScan scan = new SourceScan(reader, batchRows, progress, view);
      // CSV values are parsed only when read: decode every column the run needs, so a bad row fails now.
      Map<String, DataType> alsoRead = source.format() == SourceFormat.CSV ? usable : Map.of();
      scan.run(files, Optional.of(source.timestampColumn()), interval, Formats.micros(reference), stats, alsoRead);
      rows = scan.rows;
      declared.rowCount().ifPresent(rule -> {
        rule.min().ifPresent(min -> checks.add(rowCount("row_count_min", scan.rows, min, scan.rows >= min, ">= ", " < ")));
        rule.max().ifPresent(max -> checks.add(rowCount("row_count_max", scan.rows, max, scan.rows <= max, "<= ", " > ")));
      });
      declared.freshness().ifPresent(max -> checks.add(freshness(scan.newest, reference, max)));
      stats.forEach(s -> checks.addAll(ColumnChecks.of(s)));
    }
    List<String> shown = files.stream().map(f -> display(repository.root(), f)).toList();
    return new ValidationReport(view, source.name(), interval, reference, validatedAt, shown, rows, checks);
  }

  /**
   * Infers validation rules from a Parquet dataset (a file, a directory of files or a glob): per
   * readable column, a null fraction limit, a numeric range and allowed strings, as a {@code
   * baseline:} would. Render them with {@link ValidationRulesYaml#toYaml} to start a {@code
   * validation:} block.
   *
   * @throws dev.parity.offline.OfflineException if the dataset is missing or unreadable, or its
   *     files disagree on a column
   */
  public ValidationRules inferRules(Path dataset) {
    return Baseline.infer(requireNonNull(dataset, "dataset is null"), batchRows).rules();
  }

  private static List<String> joinKeys(FeatureRepository repository, FeatureView view) {
    List<String> keys = new ArrayList<>();
    view.entities().forEach(e -> repository.entity(e).ifPresent(entity -> keys.addAll(entity.joinKeys())));
    return keys;
  }

  private static List<ColumnPlan> plans(ValidationRules declared, Optional<ValidationRules> inferred) {
    Set<String> columns = new LinkedHashSet<>(declared.columns().keySet());
    inferred.ifPresent(r -> columns.addAll(r.columns().keySet()));
    List<ColumnPlan> plans = new ArrayList<>();
    for (String column : columns) {
      Optional<ColumnRules> fromBaseline = inferred.map(r -> r.columns().get(column));
      plans.add(ColumnPlan.merge(column, Optional.ofNullable(declared.columns().get(column)), fromBaseline));
    }
    return plans;
  }

  private static ValidationCheck rowCount(String name, long rows, long limit, boolean passed, String ok, String bad) {
    String message = "row count " + rows + (passed ? " " + ok.trim() + " " : bad) + (name.endsWith("min") ? "min " : "max ") + limit;
    return ColumnChecks.check(name, null, ok + limit, Long.toString(rows), passed, 0, List.of(), RuleOrigin.DECLARED, message);
  }

  private static ValidationCheck freshness(long newest, Instant reference, java.time.Duration max) {
    String maxText = Durations.format(max);
    if (newest == Long.MIN_VALUE) {
      return ColumnChecks.check("freshness", null, "age <= " + maxText, "no event", false, 0, List.of(), RuleOrigin.DECLARED,
          "freshness: no event at or before " + reference + " (max age " + maxText + ")");
    }
    long age = Formats.micros(reference) - newest;
    boolean passed = age <= max.toSeconds() * 1_000_000L;
    String message = "freshness: newest event " + Formats.instant(newest) + " is " + Formats.age(age) + " old at " + reference
        + (passed ? " <= max " : " > max ") + maxText;
    return ColumnChecks.check("freshness", null, "age <= " + maxText, Formats.age(age), passed, 0, List.of(), RuleOrigin.DECLARED, message);
  }

  /** Repository-relative path of files under the root, absolute otherwise. */
  static String display(Path root, Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString().replace('\\', '/') : absolute.toString();
  }
}
