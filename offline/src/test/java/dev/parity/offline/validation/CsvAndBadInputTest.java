package dev.parity.offline.validation;

import static dev.parity.offline.validation.StatsTable.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.parquet.read.DamagedParquet;
import dev.parity.offline.CsvParseException;
import dev.parity.offline.MissingInputException;
import dev.parity.offline.validation.StatsTable.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvAndBadInputTest {
  private static final String RULES = "    validation:\n      row_count: { min: 10 }\n"
      + "      columns:\n        conv_rate: { max_null_fraction: 0.0, max: 0.8 }\n        vehicle_type: { allowed_values: [sedan, suv] }\n";

  @TempDir Path dir;

  private final DataValidator validator = new DataValidator(Clock.fixed(T0, ZoneOffset.UTC));

  private ValidationReport validate(String format, String path) {
    FeatureRepository repo = new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(StatsTable.repository(dir, format, path, RULES));
    return validator.validate(repo, "stats_view", EventInterval.all());
  }

  @Test
  void validatesCsvSourcesLikeParquetOnes() {
    StatsTable table = StatsTable.regular(12);
    table.set(4, new Row(1, T0.plusSeconds(4 * 3600), null, 1L, "van, large"));
    table.writeCsv(dir.resolve("data/stats.csv"));
    ValidationReport csv = validate("csv", "data/stats.csv");
    table.writeParquet(dir.resolve("data/stats.parquet"));
    ValidationReport parquet = validate("parquet", "data/stats.parquet");

    assertThat(csv.failures()).extracting(ValidationCheck::line).containsExactly(
        "✗ conv_rate: null fraction 0.0833 > max 0.00 (1 of 12 rows)",
        "✗ conv_rate: max 0.9 > 0.8 (2 rows, e.g. 0.8272727272727273, 0.9)",
        "✗ vehicle_type: 1 row not in [sedan, suv], e.g. van, large");
    assertThat(csv.checks()).extracting(ValidationCheck::line).isEqualTo(parquet.checks().stream().map(ValidationCheck::line).toList());
  }

  @Test
  void reportsACsvColumnMissingFromTheHeader() throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data/stats.csv"), "driver_id,event_timestamp,conv_rate,trips\n1,2026-01-01T00:00:00Z,0.5,3\n");

    assertThat(validate("csv", "data/stats.csv").failures()).extracting(ValidationCheck::line).containsExactly(
        "✗ column vehicle_type: missing in data/stats.csv; needed by feature vehicle_type, source schema, validation rule",
        "✗ row count 1 < min 10");
  }

  @Test
  void failsOnACsvValueThatDoesNotParseNamingLineAndColumn() throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data/stats.csv"), "driver_id,event_timestamp,conv_rate,trips,vehicle_type\n"
        + "1,2026-01-01T00:00:00Z,0.5,3,suv\n2,\"2026-01-01T01:00:00Z\",0.5,three,\"multi\nline\"\n3,2026-01-01T02:00:00Z,x,3,suv\n");

    assertThatThrownBy(() -> validate("csv", "data/stats.csv"))
        .isInstanceOfSatisfying(CsvParseException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.column()).isEqualTo("trips");
          assertThat(e.file()).contains(dir.resolve("data/stats.csv"));
        })
        .hasMessageEndingWith("line 3, column trips: 'three' is not a valid int64");
  }

  @Test
  void failsOnACsvTimestampWithoutOffset() throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data/stats.csv"), "driver_id,event_timestamp,conv_rate,trips,vehicle_type\n1,2026-01-01 00:00:00,0.5,3,suv\n");

    assertThatThrownBy(() -> validate("csv", "data/stats.csv"))
        .isInstanceOf(CsvParseException.class)
        .hasMessageEndingWith("line 2, column event_timestamp: '2026-01-01 00:00:00' is a timestamp without time zone; add an offset such as Z");
  }

  @Test
  void failsOnMissingSourceFiles() {
    assertThatThrownBy(() -> validate("parquet", "data/none"))
        .isInstanceOf(MissingInputException.class)
        .hasMessage(dir.resolve("data/none") + ": no such file or directory");
  }

  @Test
  void failsOnCorruptParquetNamingTheFile() throws IOException {
    StatsTable.regular(3).writeParquet(dir.resolve("data/stats/a.parquet"));
    Files.writeString(dir.resolve("data/stats/b.parquet"), "not parquet at all");

    assertThatThrownBy(() -> validate("parquet", "data/stats"))
        .isInstanceOfSatisfying(CorruptInputException.class, e -> assertThat(e.file()).contains(dir.resolve("data/stats/b.parquet")))
        .hasMessage(dir.resolve("data/stats/b.parquet") + ": corrupt Parquet file: no Parquet footer "
            + "(the file does not end with PAR1: not Parquet, or truncated)");
  }

  @Test
  void failsOnCorruptPagesNamingFileColumnAndRowGroup() {
    StatsTable.regular(3).writeParquet(dir.resolve("data/stats/a.parquet"));
    DamagedParquet.breakPageHeader(dir.resolve("data/stats/a.parquet"), 0, "conv_rate");

    assertThatThrownBy(() -> validate("parquet", "data/stats"))
        .isInstanceOfSatisfying(CorruptInputException.class, e -> assertThat(e.file()).contains(dir.resolve("data/stats/a.parquet")))
        .hasMessage(dir.resolve("data/stats/a.parquet")
            + ": corrupt Parquet file (column 'conv_rate', row group 1 of 1): a page header cannot be decoded");
  }

  @Test
  void readsEveryFileOfADirectoryInPathOrderSkippingHiddenOnes() throws IOException {
    StatsTable.regular(6).writeParquet(dir.resolve("data/stats/b.parquet"));
    StatsTable.regular(5).writeParquet(dir.resolve("data/stats/a/x.parquet"));
    Files.writeString(dir.resolve("data/stats/_SUCCESS"), "");

    ValidationReport report = validate("parquet", "data/stats");

    assertThat(report.files()).containsExactly("data/stats/a/x.parquet", "data/stats/b.parquet");
    assertThat(report.rowCount()).isEqualTo(11);
  }

  @Test
  void readsTheFilesAGlobMatches() {
    StatsTable.regular(4).writeParquet(dir.resolve("data/stats/2026-01/a.parquet"));
    StatsTable.regular(3).writeParquet(dir.resolve("data/stats/2026-02/a.parquet"));
    StatsTable.regular(9).writeParquet(dir.resolve("data/stats/2026-02/b.csv.parquet.bak"));

    ValidationReport report = validate("parquet", "data/stats/*/*.parquet");

    assertThat(report.files()).containsExactly("data/stats/2026-01/a.parquet", "data/stats/2026-02/a.parquet");
    assertThat(report.rowCount()).isEqualTo(7);
  }
}
