/**
 * Serving features online: {@link dev.parity.online.serving.OnlineFeatureServer} answers
 * {@code get-online-features} for a feature service or feature list of a repository, and {@link
 * dev.parity.online.serving.OnlineViews} turns the repository's feature views into the online
 * store's descriptors (the same ones materialization writes with).
 */
package dev.parity.online.serving;
