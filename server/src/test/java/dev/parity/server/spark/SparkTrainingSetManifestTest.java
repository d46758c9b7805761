package dev.parity.server.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.offline.SkippedRows;
import dev.parity.offline.features.FeatureStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job's {@code _parity.json} as the command reads it to record the run. */
class SparkTrainingSetManifestTest {
  @TempDir Path dir;

  private static final List<FeatureStatistics> STATISTICS = List.of(
      new FeatureStatistics("trips:n_30m", "n_30m", "int64", 3, 1,
          new FeatureStatistics.Numeric(1.0, 4.0, 2.5, 2.1213203435596424, 0, 0, 0, 2,
              new FeatureStatistics.Quantiles(1.03, 1.15, 1.75, 2.5, 3.25, 3.85, 3.97),
              new FeatureStatistics.Histogram(1.0, 4.0, List.of(1L, 0L, 1L))), null, null),
      new FeatureStatistics("described:tagged", "tagged", "string", 3, 0, null, null,
          new FeatureStatistics.Strings(2, List.of(new FeatureStatistics.ValueCount("a", 2),
              new FeatureStatistics.ValueCount("b", 1)), true)),
      new FeatureStatistics("described:busy", "busy", "bool", 3, 0, null, new FeatureStatistics.Booleans(2, 1), null));

  private void manifest(Map<String, Object> json) throws Exception {
    Files.writeString(dir.resolve("_parity.json"), new ObjectMapper().writeValueAsString(json));
  }

  @Test
  void theStatisticsTheExecutorsCollectedAreReadBackAsRecorded() throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("engine", "spark");
    json.put("rows", 3);
    json.put("skipped", Map.of("trips", Map.of("beyond_future_limit", 2, "null_keys", 1)));
    json.put("statistics", STATISTICS);
    manifest(json);
    SparkTrainingSetBuilder.Manifest read = SparkTrainingSetBuilder.Manifest.read(dir);
    assertThat(read.rows()).isEqualTo(3);
    assertThat(read.skipped()).containsEntry("trips", new SkippedRows(2, 1));
    assertThat(read.statistics()).contains(STATISTICS);
  }

  @Test
  void aJobWithoutStatisticsLeavesThemToBeReadFromTheOutput() throws Exception {
    manifest(Map.of("rows", 3, "skipped", Map.of()));
    assertThat(SparkTrainingSetBuilder.Manifest.read(dir).statistics()).isEmpty();
  }

  @Test
  void statisticsParityCannotReadFailTheRunNamingTheFile() throws Exception {
    manifest(Map.of("rows", 3, "statistics", List.of(Map.of("feature", "x"))));
    assertThatThrownBy(() -> SparkTrainingSetBuilder.Manifest.read(dir)).isInstanceOf(SparkJobException.class)
        .hasMessageContaining("_parity.json has statistics Parity cannot read");
  }
}
