package dev.parity.offline.features;

import static dev.parity.offline.parquet.write.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.Progress;
import dev.parity.offline.parquet.write.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * When nothing is computed after the join (no on-demand features, full names in the engine's
 * order), the engine's file is published as the training set instead of being rewritten: same
 * columns, values, order and statistics as the output pass writes (differential), and no
 * temporary file left next to the output.
 */
class PublishedJoinTest extends DriversTrainingSetTest {
  private static final List<String> FEATURES = List.of("driver_hourly_stats:conv_rate", "driver_hourly_stats:acc_rate",
      "driver_hourly_stats:vehicle_type", "driver_activity:trips_7d", "driver_activity:fare_avg_7d");

  @Override
  OfflineOptions options(OfflineOptions defaults) {
    return defaults.withBatchRows(700);
  }

  @Test
  void thePublishedJoinIsWhatTheOutputPassWrites() throws Exception {
    OfflineOptions options = options(OfflineOptions.defaults(dir.resolve("tmp-forced")));
    TrainingSets rewriting = new TrainingSets(OfflineEngine.embedded(allocator, options), allocator, options, java.time.Clock.systemUTC(), true);
    Path entities = repoDir.resolve("data/entities.parquet");
    Path published = dir.resolve("out/published.parquet");
    Path rewritten = dir.resolve("out/rewritten.parquet");
    SelectionPlan plan = SelectionPlan.resolve(repository, FeatureSelector.features(FEATURES), true);
    assertThat(plan.onDemandOrder).isEmpty();

    WriteCalls directCalls = new WriteCalls();
    WriteCalls passCalls = new WriteCalls();
    BuiltTrainingSet direct = trainingSets.build(repository,
        TrainingSetSpec.of(FeatureSelector.features(FEATURES), entities, published), directCalls);
    BuiltTrainingSet passed = rewriting.build(repository,
        TrainingSetSpec.of(FeatureSelector.features(FEATURES), entities, rewritten), passCalls);

    // The output pass reports each 700-row batch it writes; publishing reports the file once.
    assertThat(passCalls.calls).isEqualTo(3);
    assertThat(directCalls.calls).isEqualTo(1);
    assertThat(directCalls.rows).isEqualTo(passCalls.rows).isEqualTo(2000);

    assertThat(direct.rows()).isEqualTo(passed.rows()).isEqualTo(2000);
    assertThat(direct.columns()).isEqualTo(passed.columns());
    assertThat(direct.statistics()).isEqualTo(passed.statistics());
    try (DuckDb duck = DuckDb.open()) {
      assertThat(duck.describe("read_parquet(" + literal(published) + ")"))
          .containsExactlyEntriesOf(duck.describe("read_parquet(" + literal(rewritten) + ")"));
      String columns = String.join(", ", direct.columns().stream().map(c -> "\"" + c + "\"").toList());
      assertThat(duck.number("SELECT count(*) FROM read_parquet(" + literal(published) + ", file_row_number=true) a"
          + " JOIN read_parquet(" + literal(rewritten) + ", file_row_number=true) b USING (file_row_number)"
          + " WHERE (" + tuple("a", direct.columns()) + ") IS NOT DISTINCT FROM (" + tuple("b", direct.columns()) + ")"))
          .as(columns).isEqualTo(2000);
    }
    try (Stream<Path> files = Files.list(published.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("published.parquet", "rewritten.parquet");
    }
  }

  @Test
  void onDemandFeaturesStillGoThroughTheOutputPass() {
    SelectionPlan plan = SelectionPlan.resolve(repository, FeatureSelector.service("driver_ranking_v1"), true);
    OutputPass pass = new OutputPass(plan, List.of("driver_id"), List.of(dev.parity.definitions.DataType.INT64));

    assertThat(plan.onDemandOrder).isNotEmpty();
    assertThat(pass.joinedIsOutput(new java.util.LinkedHashMap<>())).isFalse();
  }

  private static final class WriteCalls implements Progress {
    int calls;
    long rows;

    @Override
    public void rowsWritten(long written) {
      calls++;
      rows += written;
    }
  }

  private static String tuple(String alias, List<String> columns) {
    return String.join(", ", columns.stream().map(c -> alias + ".\"" + c + "\"").toList());
  }
}
