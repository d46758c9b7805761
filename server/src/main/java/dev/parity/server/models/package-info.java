/**
 * The model registry over HTTP and CLI: versions reported by training pipelines, metric
 * observations, aliases moved through the promotion gates of the {@code models:} block, rollback,
 * and comparison. {@link ModelsService} holds the rules both front ends share (who may move a
 * protected alias); {@link ModelsResource} and the {@code parity models} commands are thin.
 */
package dev.parity.server.models;
