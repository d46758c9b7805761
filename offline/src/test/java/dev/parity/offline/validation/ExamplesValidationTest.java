package dev.parity.offline.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.Progress;
import dev.parity.offline.sample.SampleDataGenerator;
import dev.parity.offline.sample.SampleDataOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples repository's own rules hold on the data its generator writes. */
class ExamplesValidationTest {
  private static final Instant DATA_END = Instant.parse("2026-01-31T00:00:00Z");

  @TempDir static Path copy;
  private static FeatureRepository repo;

  @BeforeAll
  static void generateExamplesData() throws IOException {
    for (String file : new String[] {"drivers.yaml", "parity.yaml"}) {
      Files.copy(Path.of("..", "examples", "drivers", file), copy.resolve(file));
    }
    new SampleDataGenerator(SampleDataOptions.small(42), new PrintStream(OutputStream.nullOutputStream()), false).generate(copy);
    repo = new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(copy);
  }

  @Test
  void sampleDataPassesTheDriverHourlyStatsRules() {
    AtomicLong read = new AtomicLong();
    Progress progress = new Progress() {
      @Override
      public void rowsRead(String table, long rows) {
        assertThat(table).isEqualTo("driver_hourly_stats");
        read.addAndGet(rows);
      }
    };
    ValidationReport report = new DataValidator(Clock.fixed(DATA_END, ZoneOffset.UTC))
        .validate(repo, "driver_hourly_stats", EventInterval.until(DATA_END), progress);

    assertThat(report.passed()).as(report.render()).isTrue();
    assertThat(report.rowCount()).isEqualTo(read.get()).isGreaterThanOrEqualTo(4_000);
    assertThat(report.files()).containsExactly(
        "data/driver_stats/part-00000.parquet", "data/driver_stats/part-00001.parquet",
        "data/driver_stats/part-00002.parquet", "data/driver_stats/part-00003.parquet");
    assertThat(report.checks()).extracting(ValidationCheck::name).contains(
        "row_count_min", "freshness", "max_null_fraction", "min", "max", "allowed_values");
  }

  @Test
  void sampleDataFailsFreshnessLongAfterItsLastEvent() {
    ValidationReport report = new DataValidator(Clock.fixed(DATA_END.plusSeconds(40L * 86_400), ZoneOffset.UTC))
        .validate(repo, "driver_hourly_stats", EventInterval.all());

    assertThat(report.failures()).extracting(ValidationCheck::name).containsExactly("freshness");
  }

  @Test
  void viewsWithoutRulesStillHaveTheirColumnsChecked() {
    DataValidator validator = new DataValidator(Clock.fixed(DATA_END, ZoneOffset.UTC));

    ValidationReport trips = validator.validate(repo, "driver_activity", EventInterval.all());
    ValidationReport customers = validator.validate(repo, "customer_profile", EventInterval.all());

    assertThat(trips.passed()).as(trips.render()).isTrue();
    assertThat(trips.checks()).extracting(ValidationCheck::line).contains("✓ column fare: float64", "✓ column customer_id: int64");
    assertThat(customers.passed()).as(customers.render()).isTrue();
    assertThat(customers.files()).containsExactly("data/customer_profile.csv");
    assertThat(customers.rowCount()).isPositive();
  }
}
