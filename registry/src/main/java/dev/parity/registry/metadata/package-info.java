/**
 * The ML metadata store: {@link dev.parity.registry.metadata.MetadataStore} and the records it
 * keeps, each {@link dev.parity.registry.metadata.Recorded} with its id and time.
 *
 * <ul>
 *   <li>Runs ({@link dev.parity.registry.metadata.MaterializationRun},
 *       {@link dev.parity.registry.metadata.RunSummary}, {@link dev.parity.registry.metadata.RunQuery},
 *       {@link dev.parity.registry.metadata.RunOwner}): materializations and jobs, and the process
 *       running each, so the runs of a process that died are marked interrupted.
 *   <li>Training sets and validations ({@link dev.parity.registry.metadata.TrainingSet},
 *       {@link dev.parity.registry.metadata.ValidationResult}).
 *   <li>Skew reports ({@link dev.parity.registry.metadata.SkewReport}): the consistency and skew
 *       reports stored in the metadata store.
 *   <li>Models and their stages ({@link dev.parity.registry.metadata.ModelVersion},
 *       {@link dev.parity.registry.metadata.ModelStage}): the model registry and promotion gates
 *       of the continuous-training loop; nothing calls them yet.
 *   <li>Trigger runs ({@link dev.parity.registry.metadata.TriggerRun}): the continuous-training
 *       loop's triggers; nothing calls them yet.
 *   <li>Lineage ({@link dev.parity.registry.metadata.Lineage}): a model's training set and the
 *       definition versions it was built from.
 * </ul>
 *
 * <p>Depends on {@link dev.parity.registry} for definition references and errors, never the
 * other way.
 */
package dev.parity.registry.metadata;
