package dev.parity.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.online.testing.MutableClock;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.core.TrainingSetSummary;
import dev.parity.server.testing.SampleProject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line of the job commands, as a log (CI, a redirected stderr) and a terminal see it.
 * The clock stands still: lines come from partition steps and {@link ProgressLine#finish}.
 */
class ProgressLineTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-31T00:00:00Z"), ZoneOffset.UTC);
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path temp;

  /** The sample repository in a project of its own, applied. */
  private static final class Drivers extends SampleProject {
    Drivers(Path directory) {
      super(directory, "progress", Map.of(), CLOCK);
      apply();
    }
  }

  @Test
  void aTrainingSetLogShowsTheRowsItWroteInsteadOfZeroRowsOutAtEveryPartition() {
    try (Drivers drivers = new Drivers(temp.resolve("drivers"))) {
      ProgressLine progress = log("training-set");
      TrainingSetSummary built = new TrainingSetService(drivers.stores()).build(drivers.load(),
          TrainingSetSpec.of(FeatureSelector.service("driver_ranking_v1"), drivers.root.resolve("data/entities.parquet"),
              temp.resolve("ts.parquet")), progress);
      progress.finish();

      assertThat(built.built().rows()).isEqualTo(2000);
      List<String> lines = lines();
      assertThat(lines).hasSizeGreaterThan(1).allMatch(l -> l.startsWith("training-set: "));
      assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.matches("training-set: [\\d,]+ rows read, \\d+/\\d+ partitions"));
      assertThat(lines.get(lines.size() - 1)).matches("training-set: [\\d,]+ rows read, (\\d+)/\\1 partitions, 2,000 rows out");
    }
  }

  @Test
  void aNewPartitionTotalStartsItsPhaseFromItsOwnStart() {
    ProgressLine progress = log("job");

    progress.rowsRead("driver_hourly_stats", 10);
    progress.partitionDone(1, 2);
    progress.partitionDone(2, 2);
    progress.rowsWritten(5);
    progress.rowsRead("driver_activity", 20);
    progress.partitionDone(1, 4);
    progress.partitionDone(2, 4);
    progress.rowsWritten(7);
    progress.finish();

    assertThat(lines()).containsExactly(
        "job: 10 rows read, 1/2 partitions",
        "job: 10 rows read, 2/2 partitions",
        "job: 30 rows read, 1/4 partitions, 5 rows out",
        "job: 30 rows read, 2/4 partitions, 5 rows out",
        "job: 30 rows read, 2/4 partitions, 12 rows out");
  }

  @Test
  void aShortJobPrintsNoProgressAtAll() {
    ProgressLine progress = log("job");

    progress.rowsRead("entities", 3);
    progress.rowsWritten(3);
    progress.finish();

    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aTerminalLineIsRedrawnInPlaceAndEndedWithTheTotals() {
    MutableClock clock = new MutableClock(Instant.EPOCH);
    ProgressLine progress = new ProgressLine(new PrintStream(err, true, StandardCharsets.UTF_8), "job", true, clock);

    progress.partitionDone(10, 10);
    clock.advance(Duration.ofMillis(200));
    progress.rowsRead("view", 1_234);
    clock.advance(Duration.ofMillis(199));
    progress.rowsRead("view", 0);
    clock.advance(Duration.ofMillis(1));
    progress.partitionDone(1, 2);
    progress.rowsWritten(2_000);
    progress.finish();

    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "\rjob: 1,234 rows read, 10/10 partitions"
            + "\rjob: 1,234 rows read, 1/2 partitions  "
            + "\rjob: 1,234 rows read, 1/2 partitions, 2,000 rows out\n");
  }

  /** A progress line as a log sees it. */
  private ProgressLine log(String what) {
    return new ProgressLine(new PrintStream(err, true, StandardCharsets.UTF_8), what, false, CLOCK);
  }

  private List<String> lines() {
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
