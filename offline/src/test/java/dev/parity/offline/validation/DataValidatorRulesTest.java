package dev.parity.offline.validation;

import static dev.parity.offline.validation.StatsTable.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.validation.StatsTable.Row;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataValidatorRulesTest {
  private static final Instant END = T0.plusSeconds(10 * 3600);

  @TempDir Path dir;

  private final DataValidator validator = new DataValidator(Clock.fixed(END, ZoneOffset.UTC));

  private ValidationReport validate(StatsTable table, String validation, EventInterval interval) {
    table.writeParquet(dir.resolve("data/stats/part-0.parquet"));
    FeatureRepository repo = load(StatsTable.repository(dir, "parquet", "data/stats", validation));
    return validator.validate(repo, "stats_view", interval);
  }

  private static FeatureRepository load(Path root) {
    return new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(root);
  }

  private static List<String> lines(ValidationReport report) {
    return report.checks().stream().map(ValidationCheck::line).toList();
  }

  @Test
  void passesRegularDataAndListsEveryCheck() {
    ValidationReport report = validate(StatsTable.regular(10),
        "    validation:\n      row_count: { min: 10, max: 10 }\n      freshness: 1h\n"
            + "      columns:\n        conv_rate: { max_null_fraction: 0.1, min: 0.1, max: 0.9 }\n"
            + "        vehicle_type: { allowed_values: [sedan, suv] }\n",
        EventInterval.until(END));

    assertThat(report.passed()).as(report.render()).isTrue();
    assertThat(report.rowCount()).isEqualTo(10);
    assertThat(report.files()).containsExactly("data/stats/part-0.parquet");
    assertThat(lines(report)).containsExactly(
        "✓ column driver_id: int64",
        "✓ column event_timestamp: timestamp",
        "✓ column conv_rate: float64",
        "✓ column trips: int64",
        "✓ column vehicle_type: string",
        "✓ row count 10 >= min 10",
        "✓ row count 10 <= max 10",
        "✓ freshness: newest event 2026-01-01T09:00:00Z is 1h old at 2026-01-01T10:00:00Z <= max 1h",
        "✓ conv_rate: null fraction 0.00 <= max 0.10",
        "✓ conv_rate: min 0.1 >= 0.1",
        "✓ conv_rate: max 0.9 <= 0.9",
        "✓ conv_rate: no NaN values",
        "✓ vehicle_type: all values in [sedan, suv]");
  }

  @Test
  void reportsNullFractionAboveMaximum() {
    StatsTable table = StatsTable.regular(10);
    table.set(3, new Row(1, T0.plusSeconds(3 * 3600), null, 1L, "suv"));
    table.set(4, new Row(1, T0.plusSeconds(4 * 3600), null, 1L, "suv"));
    ValidationReport report = validate(table, "    validation:\n      columns:\n        conv_rate: { max_null_fraction: 0.1 }\n", EventInterval.all());

    assertThat(report.passed()).isFalse();
    assertThat(report.failures()).singleElement().satisfies(c -> {
      assertThat(c.line()).isEqualTo("✗ conv_rate: null fraction 0.20 > max 0.10 (2 of 10 rows)");
      assertThat(c.name()).isEqualTo("max_null_fraction");
      assertThat(c.column()).contains("conv_rate");
      assertThat(c.expected()).isEqualTo("<= 0.10");
      assertThat(c.actual()).isEqualTo("0.20");
      assertThat(c.offendingRows()).isEqualTo(2);
      assertThat(c.origin()).isEqualTo(RuleOrigin.DECLARED);
    });
  }

  @Test
  void reportsValuesBelowMinimumAndAboveMaximumWithSamples() {
    StatsTable table = StatsTable.regular(10);
    table.set(1, new Row(1, T0.plusSeconds(3600), -0.5, 1L, "suv"));
    table.set(2, new Row(1, T0.plusSeconds(2 * 3600), -0.25, 1L, "suv"));
    table.set(5, new Row(1, T0.plusSeconds(5 * 3600), 1.5, 1L, "suv"));
    ValidationReport report = validate(table, "    validation:\n      columns:\n        conv_rate: { min: 0.0, max: 1.0 }\n", EventInterval.all());

    assertThat(report.failures()).extracting(ValidationCheck::line).containsExactly(
        "✗ conv_rate: min -0.5 < 0.0 (2 rows, e.g. -0.5, -0.25)",
        "✗ conv_rate: max 1.5 > 1.0 (1 row, e.g. 1.5)");
    assertThat(report.failures().get(0).sample()).containsExactly("-0.5", "-0.25");
    assertThat(report.failures().get(0).offendingRows()).isEqualTo(2);
  }

  @Test
  void reportsNanInAColumnWithARangeButNotAsNull() {
    StatsTable table = StatsTable.regular(10);
    table.set(6, new Row(1, T0.plusSeconds(6 * 3600), Double.NaN, 1L, "suv"));
    ValidationReport report = validate(table,
        "    validation:\n      columns:\n        conv_rate: { max_null_fraction: 0.0, min: 0.0, max: 1.0 }\n", EventInterval.all());

    assertThat(report.failures()).extracting(ValidationCheck::line).containsExactly("✗ conv_rate: 1 NaN values, outside [0.0, 1.0]");
  }

  @Test
  void reportsValuesOutsideAllowedValuesComparingNumbersByValue() {
    StatsTable table = StatsTable.regular(10);
    table.set(7, new Row(1, T0.plusSeconds(7 * 3600), 0.5, 12L, "bike"));
    table.set(8, new Row(1, T0.plusSeconds(8 * 3600), 0.5, 11L, "bike"));
    table.set(9, new Row(1, T0.plusSeconds(9 * 3600), 0.5, 12L, null));
    ValidationReport report = validate(table,
        "    validation:\n      columns:\n        vehicle_type: { allowed_values: [sedan, suv] }\n"
            + "        trips: { allowed_values: [10, 11.0, 13, 14, 15, 16, 17, 18, 1e1] }\n",
        EventInterval.all());

    assertThat(report.failures()).extracting(ValidationCheck::line).containsExactly(
        "✗ vehicle_type: 2 rows not in [sedan, suv], e.g. bike",
        "✗ trips: 3 rows not in [10, 11.0, 13, 14, 15, 16, 17, 18, 1e1], e.g. 12");
  }

  @Test
  void freshnessIsMeasuredAtTheEndOfTheInterval() {
    String rules = "    validation:\n      freshness: 2h\n";
    ValidationReport atEnd = validate(StatsTable.regular(10), rules, EventInterval.until(T0.plusSeconds(13 * 3600)));

    assertThat(atEnd.failures()).extracting(ValidationCheck::line).containsExactly(
        "✗ freshness: newest event 2026-01-01T09:00:00Z is 4h old at 2026-01-01T13:00:00Z > max 2h");
    assertThat(atEnd.referenceTime()).isEqualTo(T0.plusSeconds(13 * 3600));
  }

  @Test
  void freshnessWithoutEndIsMeasuredAtTheClocksNow() {
    String rules = "    validation:\n      freshness: 2h\n";
    StatsTable.regular(10).writeParquet(dir.resolve("data/stats/part-0.parquet"));
    FeatureRepository repo = load(StatsTable.repository(dir, "parquet", "data/stats", rules));
    Instant now = T0.plusSeconds(12 * 3600 + 90);

    ValidationReport late = new DataValidator(Clock.fixed(now, ZoneOffset.UTC)).validate(repo, "stats_view", EventInterval.all());
    ValidationReport onTime = new DataValidator(Clock.fixed(T0.plusSeconds(11 * 3600), ZoneOffset.UTC)).validate(repo, "stats_view", EventInterval.all());

    assertThat(late.failures()).extracting(ValidationCheck::line).containsExactly(
        "✗ freshness: newest event 2026-01-01T09:00:00Z is 3h1m30s old at 2026-01-01T12:01:30Z > max 2h");
    assertThat(late.validatedAt()).isEqualTo(now);
    assertThat(onTime.passed()).as(onTime.render()).isTrue();
  }

  @Test
  void freshnessFailsWhenNoEventPrecedesTheReferenceTime() {
    ValidationReport report = validate(StatsTable.regular(10), "    validation:\n      freshness: 1d\n", EventInterval.until(T0.minusSeconds(1)));

    assertThat(report.failures()).extracting(ValidationCheck::line).containsExactly(
        "✗ freshness: no event at or before 2025-12-31T23:59:59Z (max age 1d)");
  }

  @Test
  void reportsRowCountBelowMinimumAndAboveMaximum() {
    StatsTable table = StatsTable.regular(10);
    assertThat(validate(table, "    validation:\n      row_count: { min: 11 }\n", EventInterval.all()).failures())
        .extracting(ValidationCheck::line).containsExactly("✗ row count 10 < min 11");
    assertThat(validate(table, "    validation:\n      row_count: { max: 9 }\n", EventInterval.all()).failures())
        .extracting(ValidationCheck::line).containsExactly("✗ row count 10 > max 9");
  }

  @Test
  void countsOnlyRowsInsideTheInterval() {
    StatsTable table = StatsTable.regular(10);
    table.set(0, new Row(1, T0, null, 1L, "bike"));
    table.set(9, new Row(1, T0.plusSeconds(9 * 3600), 5.0, 1L, "bike"));
    table.add(new Row(1, null, null, null, "bike"));
    String rules = "    validation:\n      row_count: { min: 8, max: 8 }\n"
        + "      columns:\n        conv_rate: { max_null_fraction: 0.0, max: 1.0 }\n        vehicle_type: { allowed_values: [sedan, suv] }\n";

    ValidationReport inside = validate(table, rules, EventInterval.between(T0.plusSeconds(3600), T0.plusSeconds(8 * 3600)));
    ValidationReport all = validate(table, rules, EventInterval.all());

    assertThat(inside.passed()).as(inside.render()).isTrue();
    assertThat(inside.rowCount()).isEqualTo(8);
    assertThat(all.rowCount()).isEqualTo(10);
    assertThat(all.failures()).extracting(ValidationCheck::name)
        .containsExactly("row_count_max", "max_null_fraction", "max", "allowed_values");
  }

  @Test
  void reportsMissingColumnAndWrongType() {
    ValidationReport report = validate(StatsTable.regular(5),
        "    validation:\n      columns:\n        rating: { max_null_fraction: 0.0 }\n        vehicle_type: { min: 0.0 }\n",
        EventInterval.all());

    assertThat(report.failures()).extracting(ValidationCheck::line).containsExactly(
        "✗ column vehicle_type: string in data/stats/part-0.parquet, expected a number; needed by feature vehicle_type, validation rule",
        "✗ column rating: missing in data/stats/part-0.parquet; needed by validation rule");
  }

  @Test
  void reportsAFeatureDeclaredWithAnotherTypeThanTheFilesHave() throws java.io.IOException {
    StatsTable.regular(5).writeParquet(dir.resolve("data/stats/part-0.parquet"));
    StatsTable.repository(dir, "parquet", "data/stats", "");
    String yaml = java.nio.file.Files.readString(dir.resolve("stats.yaml")).replace("{ name: trips, type: int64 }", "{ name: trips, type: string }");
    java.nio.file.Files.writeString(dir.resolve("stats.yaml"), yaml);

    ValidationReport report = validator.validate(load(dir), "stats_view", EventInterval.all());

    assertThat(report.failures()).extracting(ValidationCheck::line).containsExactly(
        "✗ column trips: int64 in data/stats/part-0.parquet, expected string; needed by feature trips");
  }

  @Test
  void reportsEveryFailingCheckNotOnlyTheFirst() {
    StatsTable table = StatsTable.regular(10);
    table.set(2, new Row(1, T0.plusSeconds(2 * 3600), null, 99L, "bike"));
    ValidationReport report = validate(table,
        "    validation:\n      row_count: { min: 100 }\n      freshness: 30m\n"
            + "      columns:\n        conv_rate: { max_null_fraction: 0.05 }\n        trips: { max: 20 }\n"
            + "        vehicle_type: { allowed_values: [sedan, suv] }\n        speed: { max_null_fraction: 0.5 }\n",
        EventInterval.until(END));

    assertThat(report.failures()).extracting(ValidationCheck::name)
        .containsExactly("column", "row_count_min", "freshness", "max_null_fraction", "max", "allowed_values");
    assertThat(report.render()).contains(
        "Validation of view stats_view (source stats): FAILED (6 of 11 checks failed)",
        "  10 rows in (-inf, 2026-01-01T10:00:00Z] from 1 file, reference time 2026-01-01T10:00:00Z",
        "  ✗ row count 10 < min 100\n",
        "  ✗ trips: max 99 > 20 (1 row, e.g. 99)\n");
  }

  @Test
  void readsAcrossBatchAndRowGroupBoundariesAlike() {
    StatsTable table = StatsTable.regular(23);
    table.set(17, new Row(1, T0.plusSeconds(17 * 3600), null, 1L, "van"));
    String rules = "    validation:\n      columns:\n        conv_rate: { max_null_fraction: 0.0, min: 0.2 }\n        vehicle_type: { allowed_values: [sedan, suv] }\n";
    ValidationReport big = validate(table, rules, EventInterval.all());
    ValidationReport small = new DataValidator(Clock.fixed(END, ZoneOffset.UTC), 3).validate(load(dir), "stats_view", EventInterval.all());

    assertThat(lines(small)).isEqualTo(lines(big));
    assertThat(big.failures()).extracting(ValidationCheck::offendingRows).containsExactly(1L, 3L, 1L);
  }

  @Test
  void requirePassedThrowsWithTheRenderedReport() {
    ValidationReport report = validate(StatsTable.regular(3), "    validation:\n      row_count: { min: 5 }\n", EventInterval.all());

    assertThatThrownBy(report::requirePassed)
        .isInstanceOf(DataValidationException.class)
        .isInstanceOf(dev.parity.offline.OfflineException.class)
        .hasMessage(report.render())
        .satisfies(e -> assertThat(((DataValidationException) e).report()).isEqualTo(report));
    ValidationReport ok = validate(StatsTable.regular(3), "    validation:\n      row_count: { min: 3 }\n", EventInterval.all());
    assertThat(ok.requirePassed()).isSameAs(ok);
  }

  @Test
  void jsonRoundTripsTheReport() {
    StatsTable table = StatsTable.regular(10);
    table.set(2, new Row(1, T0.plusSeconds(2 * 3600), 0.5, 99L, "bike \"x\""));
    ValidationReport report = validate(table,
        "    validation:\n      columns:\n        trips: { max: 20 }\n        vehicle_type: { allowed_values: [sedan, suv] }\n",
        EventInterval.between(T0, END));

    String json = report.toJson();

    assertThat(ValidationReport.fromJson(json)).isEqualTo(report);
    assertThat(json).contains("\"passed\":false", "\"row_count\":10", "\"sample\":[\"bike \\\"x\\\"\"]", "\"origin\":\"declared\"");
    assertThatThrownBy(() -> ValidationReport.fromJson("{\"view\":\"v\"}")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a validation report: no '");
  }

  @Test
  void rejectsUnknownView() {
    StatsTable.regular(3).writeParquet(dir.resolve("data/stats/part-0.parquet"));
    FeatureRepository repo = load(StatsTable.repository(dir, "parquet", "data/stats", ""));

    assertThatThrownBy(() -> validator.validate(repo, "nope", EventInterval.all()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown feature view 'nope'");
  }
}
