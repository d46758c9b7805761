/**
 * Feature selections resolved once for every path. A {@link
 * dev.parity.definitions.selection.FeatureSelector} (a feature service, or a list of {@code
 * view:feature} references) is resolved against a repository by {@link
 * dev.parity.definitions.selection.SelectionResolver} into a {@link
 * dev.parity.definitions.selection.ResolvedSelection}: which features, of which types, from which
 * views, under which output names, needing which join keys and request fields, and which on-demand
 * features to compute in which order. The online planner, the offline training set, the server and
 * the CLI all take that one answer, so the two paths cannot disagree about what a selection means.
 */
package dev.parity.definitions.selection;
