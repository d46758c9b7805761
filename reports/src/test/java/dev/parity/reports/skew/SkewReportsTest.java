package dev.parity.reports.skew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.UnknownDefinitionException;
import dev.parity.reports.skew.SkewData.Shape;
import dev.parity.reports.skew.SkewReport.FeatureSkew;
import dev.parity.reports.skew.SkewReport.Statistic;
import dev.parity.reports.skew.SkewReport.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkewReportsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T12:00:00Z"), ZoneOffset.UTC);
  private static final int ROWS = 20_000;

  private final FeatureRepository repository = SkewData.repository();
  private final BufferAllocator allocator = new RootAllocator();
  private final SkewReports reports = new SkewReports(allocator, CLOCK, SkewOptions.defaults());
  @TempDir Path dir;

  @AfterEach
  void close() {
    allocator.close(); // fails the test if a pass leaked Arrow memory
  }

  private ParquetInput data(String name, Shape shape) {
    return ParquetInput.of(SkewData.write(dir.resolve(name + ".parquet"), shape).toString());
  }

  private static FeatureSkew feature(SkewReport report, String name) {
    return report.features().stream().filter(f -> f.feature().equals(name)).findFirst().orElseThrow();
  }

  private static Statistic statistic(FeatureSkew feature, String name) {
    return feature.statistics().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void identicalDataPassesEveryVerdict() {
    ParquetInput same = data("same", Shape.of(1, ROWS));
    SkewReport report = reports.compare(repository, "scoring", same, same);
    assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    assertThat(report.failedFeatures()).isZero();
    assertThat(report.features()).hasSize(5).allSatisfy(f -> {
      assertThat(f.verdict()).isEqualTo(Verdict.PASS);
      assertThat(f.statistics()).allSatisfy(s -> assertThat(s.verdict()).isNotEqualTo(Verdict.FAIL));
    });
    // categorical counts are exact: no difference at all
    assertThat(statistic(feature(report, "stats:vehicle"), "linf").value()).isZero();
    assertThat(statistic(feature(report, "stats:active"), "linf").value()).isZero();
    assertThat(statistic(feature(report, "stats:rate"), "null_rate").value()).isZero();
    // numeric sketches of 20 000 values estimate, but deterministically: two passes over the same
    // rows build the same sketch, so every statistic is exactly 0
    assertThat(report.features()).allSatisfy(f ->
        assertThat(f.statistics()).allSatisfy(s -> assertThat(s.value()).as(f.feature() + " " + s.name()).isZero()));
    assertThat(feature(report, "stats:rate").exact()).isFalse();
    assertThat(report.reference().rows()).isEqualTo(ROWS);
    assertThat(report.createdAt()).isEqualTo("2026-02-01T12:00:00Z");
  }

  @Test
  void repeatedReportsOnTheSameDataGiveIdenticalNumbers() {
    // estimating sketches (more values than k) on both sides, with a real shift between them
    ParquetInput reference = data("reference", Shape.of(3, ROWS));
    ParquetInput current = data("current", Shape.of(4, ROWS).rateMean(0.5));
    String first = SkewReportJson.toJson(reports.compare(repository, "scoring", reference, current));
    String second = SkewReportJson.toJson(new SkewReports(allocator, CLOCK, SkewOptions.defaults())
        .compare(repository, "scoring", reference, current));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void identicalSmallDataHasZeroForEveryStatistic() {
    // below the sketches' k every summary is exact, and so is every statistic
    ParquetInput same = data("small", Shape.of(2, 500));
    SkewReport report = reports.compare(repository, "scoring", same, same);
    assertThat(report.features()).allSatisfy(f -> {
      assertThat(f.exact()).isTrue();
      assertThat(f.statistics()).allSatisfy(s -> assertThat(s.value()).as(f.feature() + " " + s.name()).isZero());
    });
  }

  @Test
  void aShiftedDistributionFailsPsiAndKs() {
    SkewReport report = reports.compare(repository, "scoring", data("ref", Shape.of(1, ROWS)),
        data("cur", Shape.of(2, ROWS).rateMean(0.5)));
    FeatureSkew rate = feature(report, "stats:rate");
    assertThat(rate.verdict()).isEqualTo(Verdict.FAIL);
    Statistic psi = statistic(rate, "psi");
    assertThat(psi.threshold()).isEqualTo(0.2);
    assertThat(psi.verdict()).isEqualTo(Verdict.FAIL);
    // the service's monitoring block sets ks: 0.1; a shift by half a deviation gives about 0.2
    Statistic ks = statistic(rate, "ks");
    assertThat(ks.threshold()).isEqualTo(0.1);
    assertThat(ks.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(ks.value()).isBetween(0.17, 0.23);
    // Wasserstein is reported, not judged: no threshold by default; normalised, about the shift
    Statistic wasserstein = statistic(rate, "wasserstein");
    assertThat(wasserstein.threshold()).isNull();
    assertThat(wasserstein.verdict()).isNull();
    assertThat(wasserstein.value()).isBetween(0.45, 0.55);
    assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(report.failedFeatures()).isEqualTo(1);
    assertThat(report.features().get(0).feature()).isEqualTo("stats:rate");
    report.features().stream().filter(f -> !f.feature().equals("stats:rate"))
        .forEach(f -> assertThat(f.verdict()).as(f.feature()).isEqualTo(Verdict.PASS));
  }

  @Test
  void aNewCategoryFailsLInfinity() {
    SkewReport report = reports.compare(repository, "scoring", data("ref", Shape.of(1, ROWS)),
        data("cur", Shape.of(2, ROWS).newCategory(0.2)));
    FeatureSkew vehicle = feature(report, "stats:vehicle");
    Statistic linf = statistic(vehicle, "linf");
    assertThat(linf.verdict()).isEqualTo(Verdict.FAIL);
    // "truck" lands in "other", which was empty: about 0.2 of the rows (nulls aside)
    assertThat(linf.value()).isBetween(0.17, 0.22);
    assertThat(vehicle.bins()).extracting(SkewReport.Bin::label).containsExactly("sedan", "suv", "van", "bike", "other", "missing");
    SkewReport.Bin other = vehicle.bins().get(4);
    assertThat(other.reference()).isZero();
    assertThat(other.current()).isEqualTo(linf.value());
    assertThat(vehicle.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(feature(report, "stats:rate").verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void thresholdsComeFromTheMonitoringBlocks() {
    SkewReport report = reports.compare(repository, "scoring", data("ref", Shape.of(1, 2000)), data("cur", Shape.of(2, 2000)));
    // view entry for trips: psi 0.5; service block: ks 0.1; defaults: js 0.1
    FeatureSkew trips = feature(report, "stats:trips");
    assertThat(statistic(trips, "psi").threshold()).isEqualTo(0.5);
    assertThat(statistic(trips, "ks").threshold()).isEqualTo(0.1);
    assertThat(statistic(trips, "js").threshold()).isEqualTo(0.1);
    assertThat(statistic(feature(report, "stats:rate"), "psi").threshold()).isEqualTo(0.2);
    assertThat(statistic(feature(report, "stats:vehicle"), "linf").threshold()).isEqualTo(0.1);
    assertThat(feature(report, "stats:vehicle").statistics()).extracting(Statistic::name).containsExactly("linf", "null_rate");
    assertThat(trips.statistics()).extracting(Statistic::name).containsExactly("psi", "js", "ks", "wasserstein", "null_rate");
  }

  @Test
  void aMoreMissingColumnShowsInTheNullRateAndTheMissingBin() {
    SkewReport report = reports.compare(repository, "scoring", data("ref", Shape.of(1, ROWS)),
        data("cur", Shape.of(2, ROWS).nullRate(0.3)));
    FeatureSkew seenAt = feature(report, "stats:seen_at");
    assertThat(statistic(seenAt, "null_rate").value()).isBetween(0.25, 0.31);
    SkewReport.Bin missing = seenAt.bins().get(seenAt.bins().size() - 1);
    assertThat(missing.kind()).isEqualTo("missing");
    assertThat(missing.current()).isBetween(0.27, 0.33);
    assertThat(seenAt.bins().get(1).label()).startsWith("[2026-01-01T");
  }

  @Test
  void readsPlainColumnNamesWhenFullOnesAreAbsent() {
    SkewReport report = reports.compare(repository, "scoring", data("ref", Shape.of(1, 1000)),
        data("cur", Shape.of(1, 1000).withPlainNames()));
    assertThat(feature(report, "stats:rate").column()).isEqualTo("stats__rate / rate");
    assertThat(report.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void aDirectoryIsOneDataSet() {
    SkewData.write(dir.resolve("parts/a.parquet"), Shape.of(1, 300));
    SkewData.write(dir.resolve("parts/b.parquet"), Shape.of(2, 200));
    ParquetInput parts = ParquetInput.of(dir.resolve("parts").toString());
    assertThat(parts.description()).isEqualTo("Parquet directory " + dir.resolve("parts") + " (2 files)");
    SkewReport report = reports.compare(repository, "scoring", parts, parts);
    assertThat(report.current().rows()).isEqualTo(500);
  }

  @Test
  void aMissingOrMistypedColumnIsTheCallersError() {
    Path file = dir.resolve("bad.parquet");
    SkewData.write(file, Shape.of(1, 10));
    ParquetInput good = ParquetInput.of(file.toString());
    SkewInput withoutRate = new RenamedColumn(good, "stats__rate", "other");
    assertThatThrownBy(() -> reports.compare(repository, "scoring", good, withoutRate))
        .isInstanceOf(SkewInputException.class)
        .hasMessageContaining("the current data set")
        .hasMessageContaining("has no column for feature stats:rate (looked for stats__rate and rate)");
    assertThatThrownBy(() -> reports.compare(repository, "nope", good, good)).isInstanceOf(UnknownDefinitionException.class)
        .hasMessageContaining("unknown feature service 'nope'");
  }

  @Test
  void anEmptyDataSetIsRefused() {
    SkewInput empty = data("empty", Shape.of(1, 0));
    assertThatThrownBy(() -> reports.compare(repository, "scoring", empty, data("cur", Shape.of(1, 10))))
        .isInstanceOf(SkewInputException.class).hasMessageContaining("the reference data set").hasMessageContaining("has no rows");
  }

  /** An input whose column list hides one column under another name (as a file without it would). */
  private record RenamedColumn(SkewInput input, String from, String to) implements SkewInput {
    @Override
    public String description() {
      return input.description();
    }

    @Override
    public java.util.Map<String, dev.parity.definitions.DataType> columns() {
      java.util.Map<String, dev.parity.definitions.DataType> columns = new java.util.LinkedHashMap<>();
      input.columns().forEach((name, type) -> columns.put(name.equals(from) ? to : name, type));
      return columns;
    }

    @Override
    public DatasetProfile profile(java.util.Map<String, dev.parity.definitions.DataType> columns, SkewOptions options,
        BufferAllocator allocator) {
      return input.profile(columns, options, allocator);
    }
  }
}
