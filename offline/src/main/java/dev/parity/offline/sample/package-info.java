/**
 * The sample data of the {@code examples/drivers} repository, generated deterministically from a
 * seed ({@link dev.parity.offline.sample.SampleDataGenerator} with {@link
 * dev.parity.offline.sample.SampleDataOptions}, counted in a {@link
 * dev.parity.offline.sample.SampleDataSummary}): source tables and an entity table whose edge
 * cases are known exactly, for the quickstart, the tests and the benchmarks.
 */
package dev.parity.offline.sample;
