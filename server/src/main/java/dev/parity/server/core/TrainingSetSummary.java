package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.offline.features.BuiltTrainingSet;

/**
 * A built and recorded training set: its id in the metadata store and what was built.
 *
 * @param id the metadata store's training set id
 * @param registryRevision the registry revision its definitions are current at
 * @param built output path, rows, columns, versions and statistics
 */
public record TrainingSetSummary(long id, long registryRevision, BuiltTrainingSet built) {
  public TrainingSetSummary {
    requireNonNull(built, "built is null");
  }

  /**
   * {@code Training set 7: 2000 rows, 11 columns written to /abs/out.parquet (feature service
   * driver_ranking_v1, registry revision 1).}; ends with a newline.
   */
  public String render() {
    return "Training set " + id + ": " + built.rows() + " rows, " + built.columns().size() + " columns written to "
        + built.output() + " (" + built.service().map(s -> "feature service " + s).orElse("feature list")
        + ", registry revision " + registryRevision + ").\n";
  }
}
