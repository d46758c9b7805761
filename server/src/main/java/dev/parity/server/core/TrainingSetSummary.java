package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.offline.SkippedRows;
import dev.parity.offline.features.BuiltTrainingSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A built and recorded training set: its id in the metadata store and what was built.
 *
 * @param id the metadata store's training set id
 * @param registryRevision the registry revision its definitions are current at
 * @param built output path, rows, columns, versions, statistics and skipped source rows
 */
public record TrainingSetSummary(long id, long registryRevision, BuiltTrainingSet built) {
  public TrainingSetSummary {
    requireNonNull(built, "built is null");
  }

  /**
   * {@code Training set 7: 2000 rows, 11 columns written to /abs/out.parquet (feature service
   * driver_ranking_v1, registry revision 1).}, then, when source rows were ignored, a line with
   * {@link #renderSkipped()}; ends with a newline.
   */
  public String render() {
    return "Training set " + id + ": " + built.rows() + " rows, " + built.columns().size() + " columns written to "
        + built.output() + " (" + built.service().map(s -> "feature service " + s).orElse("feature list")
        + ", registry revision " + registryRevision + ").\n"
        + renderSkipped().map(text -> text + "\n").orElse("");
  }

  /**
   * {@code Ignored source rows: driver_hourly_stats 2 with an event or created time beyond LIMIT,
   * 1 with a null join key; ...}, or empty when no source row was ignored.
   */
  public Optional<String> renderSkipped() {
    List<String> views = new ArrayList<>();
    for (Map.Entry<String, SkippedRows> entry : built.skipped().entrySet()) {
      SkippedRows skipped = entry.getValue();
      List<String> parts = new ArrayList<>();
      if (skipped.beyondFutureLimit() > 0) {
        parts.add(skipped.beyondFutureLimit() + " with an event or created time beyond "
            + built.futureLimit().describe());
      }
      if (skipped.nullKeys() > 0) {
        parts.add(skipped.nullKeys() + " with a null join key");
      }
      if (!parts.isEmpty()) {
        views.add(entry.getKey() + " " + String.join(", ", parts));
      }
    }
    return views.isEmpty() ? Optional.empty() : Optional.of("Ignored source rows: " + String.join("; ", views) + ".");
  }
}
