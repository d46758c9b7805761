package dev.parity.offline.features;

import static java.util.Objects.requireNonNull;

import dev.parity.offline.OfflineView;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The join a training set asks of an engine that writes the output itself, without {@link
 * TrainingSets}' output pass (the Spark job): the feature views with the features each must
 * produce, and how the engine's columns become the output's.
 *
 * @param views the views to join, in join order, each with the features to produce
 * @param featureColumns the engine's column of each selected feature ({@code view__feature}) to
 *     its output column, in output order (after the entity table's columns)
 */
public record EngineJoin(List<OfflineView> views, Map<String, String> featureColumns) {
  public EngineJoin {
    views = List.copyOf(requireNonNull(views, "views is null"));
    featureColumns = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(featureColumns,
        "featureColumns is null")));
  }
}
