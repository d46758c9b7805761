package dev.parity.offline.features;

import static dev.parity.offline.parquet.write.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SelectionException;
import dev.parity.definitions.UnknownDefinitionException;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.CsvParseException;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.Progress;
import dev.parity.offline.parquet.write.DuckDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Feature lists, output names, as-of-created retrieval, CSV entity tables and bad requests. */
class TrainingSetRequestTest extends DriversTrainingSetTest {

  private static Path entities() {
    return repoDir.resolve("data/entities.parquet");
  }

  private BuiltTrainingSet build(TrainingSetSpec spec) {
    return trainingSets.build(repository, spec, Progress.NONE);
  }

  private static TrainingSetSpec features(Path entities, Path output, String... refs) {
    return TrainingSetSpec.of(FeatureSelector.features(List.of(refs)), entities, output);
  }

  /** Writes the entity table's rows through {@code select} (a DuckDB query over {@code e}) to {@code file}. */
  private static Path entityTable(String select, Path file, String format) {
    try (DuckDb duck = DuckDb.open()) {
      duck.execute("CREATE VIEW e AS SELECT * FROM read_parquet(" + literal(entities()) + ")");
      duck.execute("COPY (" + select + ") TO " + literal(file) + " (" + format + ")");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return file;
  }

  @Test
  void featureListWithPlainNamesOutputsOnlyTheListedFeaturesInListOrder() throws Exception {
    Path full = dir.resolve("full.parquet");
    build(TrainingSetSpec.of(FeatureSelector.service("driver_ranking_v1"), entities(), full));
    Path plain = dir.resolve("plain.parquet");
    BuiltTrainingSet built = build(features(entities(), plain,
        "driver_adjusted:conv_plus_val", "driver_activity:trips_7d").withFullNames(false));

    assertThat(built.columns()).containsExactly(
        "driver_id", "customer_id", "event_timestamp", "val_to_add", "label", "conv_plus_val", "trips_7d");
    // The on-demand input conv_rate is joined but not output; versions name every view used.
    assertThat(built.viewVersions()).containsOnlyKeys("driver_adjusted", "driver_hourly_stats", "driver_activity");
    assertThat(built.service()).isEmpty();
    try (DuckDb duck = DuckDb.open()) {
      assertThat(duck.number("SELECT count(*) FROM read_parquet(" + literal(plain) + ", file_row_number=true) p"
          + " JOIN read_parquet(" + literal(full) + ", file_row_number=true) f USING (file_row_number)"
          + " WHERE p.conv_plus_val IS NOT DISTINCT FROM f.driver_adjusted__conv_plus_val"
          + " AND p.trips_7d = f.driver_activity__trips_7d")).isEqualTo(built.rows());
    }
  }

  @Test
  void rejectsPlainNamesThatTwoViewsShare() {
    Path other = DriversRepository.create(dir.resolve("clash"), """
        feature_views:
          - name: driver_daily_stats
            entities: [driver]
            source: driver_stats
            ttl: 1d
            features:
              - { name: conv_rate, type: float64 }
        """);
    FeatureRepository clashing = DriversRepository.load(other);
    Path output = dir.resolve("out/clash.parquet");
    TrainingSetSpec spec = features(other.resolve("data/entities.parquet"), output,
        "driver_hourly_stats:conv_rate", "driver_daily_stats:conv_rate");

    assertThatThrownBy(() -> trainingSets.build(clashing, spec.withFullNames(false), Progress.NONE))
        .isInstanceOf(SelectionException.class)
        .hasMessageContaining("result column 'conv_rate' would be both driver_hourly_stats:conv_rate"
            + " and driver_daily_stats:conv_rate");
    assertThat(output.getParent()).doesNotExist();
    BuiltTrainingSet built = trainingSets.build(clashing, spec, Progress.NONE);
    assertThat(built.columns()).endsWith("driver_hourly_stats__conv_rate", "driver_daily_stats__conv_rate");
  }

  @Test
  void rejectsPlainNameThatClashesWithAnEntityColumn() {
    Path table = entityTable("SELECT *, 0.5 AS conv_rate FROM e", dir.resolve("with_conv_rate.parquet"), "FORMAT PARQUET");

    assertThatThrownBy(() -> build(features(table, dir.resolve("out.parquet"), "driver_hourly_stats:conv_rate")
        .withFullNames(false)))
        .isInstanceOf(TrainingSetRequestException.class)
        .hasMessageContaining("output column 'conv_rate' of feature driver_hourly_stats:conv_rate clashes with a column"
            + " of the entity table");
  }

  @Test
  void rejectsEntityTableWithoutTheRequestColumnOfASelectedOnDemandFeature() throws IOException {
    Path table = entityTable("SELECT driver_id, customer_id, event_timestamp, label FROM e",
        dir.resolve("no_request.parquet"), "FORMAT PARQUET");
    Path output = dir.resolve("out/ranking.parquet");

    assertThatThrownBy(() -> build(TrainingSetSpec.of(FeatureSelector.service("driver_ranking_v1"), table, output)))
        .isInstanceOf(InputSchemaException.class)
        .hasMessageContaining("val_to_add")
        .hasMessageContaining("request field of on-demand feature view driver_adjusted")
        .satisfies(e -> assertThat(((InputSchemaException) e).column()).contains("val_to_add"));
    assertThat(output).doesNotExist();
    assertNoTemporaryFiles();
    // Without the on-demand feature, the same table is fine.
    build(features(table, output, "driver_hourly_stats:conv_rate"));
    assertThat(output).exists();
  }

  @Test
  void rejectsUnknownServiceViewAndFeatureAndMalformedReferences() {
    Path output = dir.resolve("out.parquet");
    assertThatThrownBy(() -> build(TrainingSetSpec.of(FeatureSelector.service("driver_ranking_v2"), entities(), output)))
        .isInstanceOf(UnknownDefinitionException.class)
        .hasMessageContaining("unknown feature service 'driver_ranking_v2'")
        .hasMessageContaining("driver_ranking_v1");
    assertThatThrownBy(() -> build(features(entities(), output, "driver_stats:conv_rate")))
        .isInstanceOf(UnknownDefinitionException.class)
        .hasMessageContaining("unknown feature view 'driver_stats'");
    assertThatThrownBy(() -> build(features(entities(), output, "driver_hourly_stats:conv")))
        .isInstanceOf(UnknownDefinitionException.class)
        .hasMessageContaining("feature view 'driver_hourly_stats' has no feature 'conv'");
    assertThatThrownBy(() -> features(entities(), output, "conv_rate"))
        .isInstanceOf(SelectionException.class)
        .hasMessageContaining("'conv_rate' is not of the form view:feature");
    assertThatThrownBy(() -> build(features(entities(), output, "driver_activity:trips_7d", "driver_activity:trips_7d")))
        .isInstanceOf(SelectionException.class)
        .hasMessageContaining("driver_activity:trips_7d is selected twice");
    assertThat(output).doesNotExist();
  }

  @Test
  void asOfCreatedIgnoresRowsCreatedLater() throws Exception {
    Instant asOf = Instant.parse("2026-01-15T00:00:00Z");
    Path latest = dir.resolve("latest.parquet");
    Path asOfOutput = dir.resolve("as_of.parquet");
    build(features(entities(), latest, "driver_hourly_stats:conv_rate"));
    build(features(entities(), asOfOutput, "driver_hourly_stats:conv_rate").withAsOfCreated(asOf));

    try (DuckDb duck = DuckDb.open()) {
      List<List<Object>> expected = Oracle.pointInTime(duck, repoDir, entities(), asOf);
      List<Object> actual = duck.rows("SELECT driver_hourly_stats__conv_rate FROM read_parquet(" + literal(asOfOutput)
          + ", file_row_number=true) ORDER BY file_row_number").stream().map(r -> r.get(0)).toList();
      assertThat(actual).containsExactlyElementsOf(expected.stream().map(r -> r.get(0)).toList());
      assertThat(duck.number("SELECT count(*) FROM read_parquet(" + literal(latest) + ", file_row_number=true) l"
          + " JOIN read_parquet(" + literal(asOfOutput) + ", file_row_number=true) a USING (file_row_number)"
          + " WHERE l.driver_hourly_stats__conv_rate IS DISTINCT FROM a.driver_hourly_stats__conv_rate")).isPositive();
    }
  }

  @Test
  void csvEntityTableTakesTypesFromTheDefinitionsAndOtherColumnsAsStrings() throws Exception {
    Path csv = entityTable("SELECT driver_id, customer_id, strftime(event_timestamp, '%Y-%m-%dT%H:%M:%S.%fZ')"
        + " AS event_timestamp, val_to_add, label FROM e", dir.resolve("entities.csv"), "FORMAT CSV, HEADER");
    Path fromCsv = dir.resolve("csv.parquet");
    Path fromParquet = dir.resolve("parquet.parquet");
    build(TrainingSetSpec.of(FeatureSelector.service("driver_ranking_v1"), csv, fromCsv));
    build(TrainingSetSpec.of(FeatureSelector.service("driver_ranking_v1"), entities(), fromParquet));

    try (DuckDb duck = DuckDb.open()) {
      assertThat(duck.describe("read_parquet(" + literal(fromCsv) + ")"))
          .containsEntry("driver_id", "BIGINT")
          .containsEntry("event_timestamp", "TIMESTAMP WITH TIME ZONE")
          .containsEntry("val_to_add", "BIGINT")
          .containsEntry("label", "VARCHAR");
      assertThat(duck.number("SELECT count(*) FROM read_parquet(" + literal(fromCsv) + ", file_row_number=true) c"
          + " JOIN read_parquet(" + literal(fromParquet) + ", file_row_number=true) p USING (file_row_number)"
          + " WHERE c.event_timestamp = p.event_timestamp AND c.label = CAST(p.label AS VARCHAR)"
          + " AND c.driver_adjusted__conv_plus_val IS NOT DISTINCT FROM p.driver_adjusted__conv_plus_val"
          + " AND c.driver_activity__fare_avg_7d IS NOT DISTINCT FROM p.driver_activity__fare_avg_7d"))
          .isEqualTo(2000);
    }
  }

  @Test
  void leavesNoOutputAndNoTemporaryFilesWhenTheJoinFails() throws IOException {
    Path csv = dir.resolve("bad/entities.csv");
    Files.createDirectories(csv.getParent());
    Files.writeString(csv, "driver_id,event_timestamp,val_to_add\n1001,2026-01-10T00:00:00Z,1\n1002,yesterday,2\n");
    Path output = dir.resolve("out/ranking.parquet");
    Files.createDirectories(output.getParent());

    assertThatThrownBy(() -> build(TrainingSetSpec.of(FeatureSelector.service("driver_ranking_v1"), csv, output)))
        .isInstanceOf(CsvParseException.class)
        .hasMessageContaining("event_timestamp");
    assertThat(output.getParent()).isEmptyDirectory();
    assertNoTemporaryFiles();
  }

  private void assertNoTemporaryFiles() throws IOException {
    Path tmp = dir.resolve("tmp");
    if (Files.exists(tmp)) {
      try (Stream<Path> files = Files.list(tmp)) {
        assertThat(files).isEmpty();
      }
    }
  }
}
