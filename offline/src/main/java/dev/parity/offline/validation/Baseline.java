package dev.parity.offline.validation;

import dev.parity.definitions.ColumnRules;
import dev.parity.definitions.DataType;
import dev.parity.definitions.ValidationRules;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.Progress;
import dev.parity.offline.schema.SourceFiles;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Rules inferred from a reference dataset (Parquet): its readable columns and types, and per
 * column a null fraction limit of {@code min(1, max(f + 0.05, 2f))} for a baseline fraction f; for
 * numbers the baseline's [min, max] widened by 10% of its width on each side (10% of the magnitude
 * when all values are equal), rounded outward (to integers for int64, 6 significant digits for
 * float64); for strings with at most 50 distinct non-blank values, those values.
 *
 * @param types readable columns and the types they read as, in file order
 * @param rules the inferred rules, one entry per column
 */
record Baseline(Map<String, DataType> types, ValidationRules rules) {
  static final int DISTINCT_LIMIT = 50;
  static final double NULL_TOLERANCE = 0.05;
  static final double RANGE_MARGIN = 0.1;

  /**
   * @throws dev.parity.offline.MissingInputException if the dataset does not exist
   * @throws dev.parity.offline.CorruptInputException if a file is not readable Parquet
   * @throws InputSchemaException if its files disagree on a column's presence or type
   */
  static Baseline infer(Path dataset, int batchRows) {
    List<Path> files = SourceFiles.resolve(dataset.toString());
    ParquetTableReader reader = new ParquetTableReader();
    Map<String, DataType> types = new LinkedHashMap<>();
    reader.schema(files.get(0)).forEach((column, type) -> type.readsAs().ifPresent(t -> types.put(column, t)));
    for (Path file : files.subList(1, files.size())) {
      Map<String, ColumnType> schema = reader.schema(file);
      types.forEach((column, type) -> {
        ColumnType here = schema.get(column);
        if (here == null || here.readsAs().orElse(null) != type) {
          throw new InputSchemaException(file, column, (here == null ? "missing" : here.describe()) + " here but " + type + " in " + files.get(0));
        }
      });
    }
    List<ColumnStats> stats = new ArrayList<>();
    types.forEach((column, type) -> stats.add(new ColumnStats(column, type, Optional.empty(), DISTINCT_LIMIT)));
    new SourceScan(reader, batchRows, Progress.NONE, "baseline").run(files, Optional.empty(), EventInterval.all(), Long.MAX_VALUE, stats, Map.of());
    Map<String, ColumnRules> rules = new LinkedHashMap<>();
    stats.forEach(s -> rules.put(s.column, rules(s)));
    return new Baseline(types, new ValidationRules(Optional.empty(), Optional.empty(), rules, Optional.empty()));
  }

  private static ColumnRules rules(ColumnStats stats) {
    double fraction = stats.rows == 0 ? 0 : (double) stats.nulls / stats.rows;
    double limit = Math.min(1.0, Math.max(fraction + NULL_TOLERANCE, 2 * fraction));
    OptionalDouble maxNulls = OptionalDouble.of(Math.min(1.0, BigDecimal.valueOf(limit).setScale(4, RoundingMode.CEILING).doubleValue()));
    OptionalDouble min = OptionalDouble.empty();
    OptionalDouble max = OptionalDouble.empty();
    if (stats.values > 0 && Double.isFinite(stats.min) && Double.isFinite(stats.max)) {
      // Decimal arithmetic on the values as printed, so 0.1 - 10% of 0.8 is 0.02, not 0.0199999.
      BigDecimal low = BigDecimal.valueOf(stats.min);
      BigDecimal high = BigDecimal.valueOf(stats.max);
      BigDecimal width = high.subtract(low);
      BigDecimal margin = BigDecimal.valueOf(RANGE_MARGIN).multiply(width.signum() > 0 ? width : high.abs());
      min = finite(outward(low.subtract(margin), stats.type, RoundingMode.FLOOR));
      max = finite(outward(high.add(margin), stats.type, RoundingMode.CEILING));
    }
    List<String> allowed = stats.distinctValues()
        .filter(values -> values.stream().noneMatch(String::isBlank))
        .map(values -> values.stream().sorted().toList())
        .orElse(List.of());
    return new ColumnRules(maxNulls, min, max, allowed);
  }

  /** Infinite data (or an overflowing margin) leaves that side open: definitions hold finite bounds. */
  private static OptionalDouble finite(double value) {
    return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
  }

  private static double outward(BigDecimal value, DataType type, RoundingMode mode) {
    BigDecimal rounded = type == DataType.INT64 ? value.setScale(0, mode) : value.round(new MathContext(6, mode));
    return rounded.doubleValue();
  }

  /** These rules without range and allowed values for {@code keys} (ids grow; a new id is not drift). */
  ValidationRules withoutValueRulesFor(List<String> keys) {
    Map<String, ColumnRules> columns = new LinkedHashMap<>();
    rules.columns().forEach((column, r) -> columns.put(column,
        keys.contains(column) ? new ColumnRules(r.maxNullFraction(), OptionalDouble.empty(), OptionalDouble.empty(), List.of()) : r));
    return new ValidationRules(Optional.empty(), Optional.empty(), columns, Optional.empty());
  }
}
