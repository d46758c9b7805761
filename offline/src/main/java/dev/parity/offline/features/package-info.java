/**
 * Training sets driven by the feature definitions: "one definition, two paths". The repository's
 * views are turned into engine descriptors ({@link dev.parity.offline.features.OfflineViews}), a
 * feature service or feature list is joined by the offline engine, on-demand features are computed
 * from the joined values with the same compiled expressions the online path evaluates, and the
 * output is described by per-feature statistics and an entity-table fingerprint ({@link
 * dev.parity.offline.features.TrainingSets}).
 *
 * <p>Public API: {@link dev.parity.offline.features.TrainingSets}, {@link
 * dev.parity.offline.features.TrainingSetSpec}, {@link
 * dev.parity.definitions.selection.FeatureSelector} (selections are resolved by {@link
 * dev.parity.definitions.selection.SelectionResolver}, as online), {@link
 * dev.parity.offline.features.BuiltTrainingSet}, {@link
 * dev.parity.offline.features.FeatureStatistics}, {@link
 * dev.parity.offline.features.OfflineViews}, {@link
 * dev.parity.offline.features.TrainingSetRequestException}, and for engines that write the output
 * themselves (the Spark engine) {@link dev.parity.offline.features.EngineJoin} and {@link
 * dev.parity.offline.features.TrainingSetStatistics} (statistics collected in parts and merged).
 */
package dev.parity.offline.features;
