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
 * dev.parity.offline.features.OfflineViews} and {@link
 * dev.parity.offline.features.TrainingSetRequestException}.
 */
package dev.parity.offline.features;
