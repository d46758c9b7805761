package dev.parity.offline.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.Progress;
import dev.parity.offline.engine.EntityFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A training set opens its entity table once ({@link EntityFiles}): the reference time, the column
 * checks and the engine's run (schemas, row counts, time range, both scans) read each file's
 * footer once between them.
 */
class EntityTableReadOnceTest extends DriversTrainingSetTest {
  @Test
  void aTrainingSetReadsTheFooterOfEachEntityFileOnce() throws Exception {
    Path table = dir.resolve("entities");
    Files.createDirectories(table);
    Path first = table.resolve("part-0.parquet");
    Path second = table.resolve("part-1.parquet");
    Files.copy(repoDir.resolve("data/entities.parquet"), first);
    Files.copy(repoDir.resolve("data/entities.parquet"), second);
    FooterReads reads = new FooterReads();

    EntityFiles entities = EntityFiles.open(table, reads);
    Instant latest = entities.latestEventTime().orElseThrow();
    BuiltTrainingSet built = trainingSets.build(repository,
        TrainingSetSpec.of(FeatureSelector.service("driver_ranking_v1"), table, dir.resolve("out.parquet")),
        entities, Progress.NONE);

    assertThat(built.rows()).isEqualTo(4000);
    assertThat(latest).isAfter(Instant.EPOCH);
    for (Path file : List.of(first, second)) {
      assertThat(reads.footers(file)).as("footer reads of %s", file).isEqualTo(1);
      assertThat(reads.streams(file)).as("the scans read %s through the opener too", file).isGreaterThan(1);
    }
  }

  @Test
  void refusesAnOpenedTableThatIsNotTheSpecsOne() {
    EntityFiles other = EntityFiles.open(repoDir.resolve("data/entities.parquet"));
    TrainingSetSpec spec = TrainingSetSpec.of(FeatureSelector.service("driver_ranking_v1"), dir.resolve("missing"),
        dir.resolve("out.parquet"));

    assertThatThrownBy(() -> trainingSets.build(repository, spec, other, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not the spec's");
  }
}
