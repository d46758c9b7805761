package dev.parity.offline.validation;

import static dev.parity.offline.validation.StatsTable.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.ColumnRules;
import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.RowCountRule;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.ValidationRules;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import dev.parity.offline.validation.StatsTable.Row;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  @TempDir Path dir;

  private final DataValidator validator = new DataValidator(Clock.fixed(T0, ZoneOffset.UTC));

  private static FeatureRepository load(Path root) {
    return new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(root);
  }

  private ValidationReport validateAgainstBaseline(StatsTable data, String extraRules) {
    StatsTable.regular(20).writeParquet(dir.resolve("reference/baseline.parquet"));
    data.writeParquet(dir.resolve("data/stats/part-0.parquet"));
    String rules = "    validation:\n      baseline: reference/baseline.parquet\n" + extraRules;
    return validator.validate(load(StatsTable.repository(dir, "parquet", "data/stats", rules)), "stats_view", EventInterval.all());
  }

  @Test
  void infersNullLimitsWidenedRangesAndAllowedValues() {
    StatsTable table = StatsTable.regular(20);
    table.set(3, new Row(1003, T0, 0.5, null, null));
    Path dataset = table.writeParquet(dir.resolve("baseline.parquet"));

    String yaml = ValidationRulesYaml.toYaml(validator.inferRules(dataset));

    assertThat(yaml).isEqualTo("validation:\n  columns:\n"
        + "    driver_id: { max_null_fraction: 0.05, min: 999.0, max: 1007.0 }\n"
        + "    event_timestamp: { max_null_fraction: 0.05 }\n"
        + "    conv_rate: { max_null_fraction: 0.05, min: 0.02, max: 0.98 }\n"
        + "    trips: { max_null_fraction: 0.1, min: 9.0, max: 20.0 }\n"
        + "    vehicle_type: { max_null_fraction: 0.1, allowed_values: [\"sedan\", \"suv\"] }\n");
  }

  @Test
  void tracksAtMostFiftyDistinctStrings() {
    StatsTable fifty = new StatsTable();
    StatsTable fiftyOne = new StatsTable();
    for (int i = 0; i < 51; i++) {
      Row row = new Row(1, T0.plusSeconds(i), 0.5, 1L, "v" + i);
      fiftyOne.add(row);
      if (i < 50) {
        fifty.add(row);
        fifty.add(row);
      }
    }

    ColumnRules within = validator.inferRules(fifty.writeParquet(dir.resolve("fifty.parquet"))).columns().get("vehicle_type");
    ColumnRules beyond = validator.inferRules(fiftyOne.writeParquet(dir.resolve("fifty-one.parquet"))).columns().get("vehicle_type");

    assertThat(within.allowedValues()).hasSize(50).contains("v0", "v49");
    assertThat(beyond.allowedValues()).isEmpty();
  }

  @Test
  void rulesInferredFromADatasetPassOnItself() {
    ValidationReport report = validateAgainstBaseline(StatsTable.regular(20), "");

    assertThat(report.passed()).as(report.render()).isTrue();
    assertThat(report.checks()).filteredOn(c -> c.origin() == RuleOrigin.INFERRED).extracting(ValidationCheck::line).contains(
        "✓ conv_rate: min 0.1 >= 0.02 [baseline]",
        "✓ vehicle_type: all values in [sedan, suv] [baseline]");
  }

  @Test
  void driftedDataFailsTheInferredRules() {
    StatsTable drifted = new StatsTable();
    for (Row row : StatsTable.regular(20).rows()) {
      boolean odd = row.eventTimestamp().getEpochSecond() / 3600 % 2 == 1;
      drifted.add(new Row(row.driverId() + 5000, row.eventTimestamp(), row.convRate() + 0.5, odd ? null : row.trips(),
          row.eventTimestamp().equals(T0) ? "scooter" : row.vehicleType()));
    }

    ValidationReport report = validateAgainstBaseline(drifted, "");

    assertThat(report.failures()).extracting(ValidationCheck::line).satisfiesExactly(
        line -> assertThat(line).startsWith("✗ conv_rate: max 1.4 > 0.98 (10 rows, e.g. 1.0").endsWith(", 1.1894736842105265) [baseline]"),
        line -> assertThat(line).isEqualTo("✗ trips: null fraction 0.50 > max 0.05 (10 of 20 rows) [baseline]"),
        line -> assertThat(line).isEqualTo("✗ vehicle_type: 1 row not in [sedan, suv], e.g. scooter [baseline]"));
    assertThat(report.failures().get(0).sample()).hasSize(Offenders.SAMPLE_SIZE);
    assertThat(report.failures()).allSatisfy(c -> assertThat(c.origin()).isEqualTo(RuleOrigin.INFERRED));
  }

  @Test
  void declaredRulesTakePrecedenceOverInferredOnes() {
    StatsTable shifted = new StatsTable();
    StatsTable.regular(20).rows().forEach(r -> shifted.add(new Row(r.driverId(), r.eventTimestamp(), r.convRate() + 0.5, r.trips(), r.vehicleType())));

    ValidationReport report = validateAgainstBaseline(shifted, "      columns:\n        conv_rate: { max: 2.0 }\n");

    assertThat(report.passed()).as(report.render()).isTrue();
    assertThat(report.checks()).extracting(ValidationCheck::line).contains("✓ conv_rate: min 0.6 >= 0.02 [baseline]", "✓ conv_rate: max 1.4 <= 2.0");
  }

  @Test
  void reportsABaselineColumnTheSourceLacks() {
    List<Column> columns = new java.util.ArrayList<>(StatsTable.COLUMNS);
    columns.add(Column.optional("rating", DataType.FLOAT64));
    Path baseline = dir.resolve("reference/baseline.parquet");
    try (RowWriter out = ParquetFiles.create(baseline, columns, ParquetWriteOptions.defaults())) {
      out.setLong(0, 1).setTimestamp(1, T0).setDouble(2, 0.5).setLong(3, 3).setString(4, "suv").setDouble(5, 4.5).endRow();
      out.commit();
    }
    StatsTable.regular(3).writeParquet(dir.resolve("data/stats/part-0.parquet"));
    FeatureRepository repo = load(StatsTable.repository(dir, "parquet", "data/stats", "    validation:\n      baseline: reference/baseline.parquet\n"));

    ValidationReport report = validator.validate(repo, "stats_view", EventInterval.all());

    assertThat(report.failures()).filteredOn(c -> c.name().equals("column")).extracting(ValidationCheck::line).containsExactly(
        "✗ column rating: missing in data/stats/part-0.parquet; needed by baseline [baseline]");
  }

  @Test
  void toYamlRoundTripsThroughTheDefinitionLoader() {
    Path dataset = StatsTable.regular(20).writeParquet(dir.resolve("baseline.parquet"));
    Map<String, ColumnRules> columns = new LinkedHashMap<>(validator.inferRules(dataset).columns());
    columns.put("conv_rate", new ColumnRules(OptionalDouble.of(0.125), OptionalDouble.of(-1.5e-7), OptionalDouble.of(12345678.25),
        List.of("yes", "null", "1.0", "a \"quoted\" \\ value", "tab\there", "~")));
    ValidationRules rules = new ValidationRules(Optional.of(new RowCountRule(OptionalLong.of(3), OptionalLong.of(1_000_000_000_000L))),
        Optional.of(Duration.ofHours(36)), columns, Optional.of("reference/base.parquet"));

    String block = ValidationRulesYaml.toYaml(rules).lines().map(line -> "    " + line).collect(Collectors.joining("\n", "", "\n"));
    FeatureRepository repo = load(StatsTable.repository(dir, "parquet", "data/stats", block));

    assertThat(repo.featureView("stats_view").orElseThrow().validation()).contains(rules);
  }
}
