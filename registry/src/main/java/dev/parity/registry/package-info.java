/**
 * Parity's registry database, as interfaces and value types: what the server, the CLI and the
 * jobs read and record, with no SQL in sight. Each part serves one capability:
 *
 * <ul>
 *   <li>this package, {@link dev.parity.registry.Registry}: the definition registry, the
 *       applied entities, sources, feature views and services of each project, versioned by
 *       content and revision (apply, plan, history, serving by version);
 *   <li>{@link dev.parity.registry.metadata}: the ML metadata store
 *       ({@link dev.parity.registry.metadata.MetadataStore}):
 *       <ul>
 *         <li>runs: materializations, training sets, validations and cancelled jobs, with the
 *             process owning each run so a dead one's runs are marked interrupted;
 *         <li>skew reports: the consistency and skew reports comparing training and serving,
 *             stored with their inputs;
 *         <li>lineage: which training set and which definition versions a model came from;
 *         <li>models and aliases (stages): the model registry and its promotion gates of the
 *             continuous-training loop, stored and queryable though no endpoint calls them yet;
 *         <li>triggers and trigger runs: what started a continuous-training loop and what it did,
 *             likewise stored ahead of their callers;
 *       </ul>
 *   <li>{@link dev.parity.registry.jdbi}: both stores on H2 (the embedded default) or PostgreSQL
 *       through Jdbi, and the schema migrations in {@code db/registry} on the classpath;
 *   <li>{@link dev.parity.registry.internal}: checks the value types and the stores share.
 * </ul>
 *
 * <p>Failures are {@link dev.parity.registry.RegistryException}s (a
 * {@link dev.parity.ParityException}): a conflicting apply is a
 * {@link dev.parity.registry.RegistryConflictException}, an unreachable database a
 * {@link dev.parity.registry.RegistryUnavailableException}.
 *
 * <p>Dependencies point one way: {@code jdbi} → {@code metadata} → this package →
 * {@code internal}; this module depends on feature-definitions and on no application framework.
 */
package dev.parity.registry;
