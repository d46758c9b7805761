package dev.parity.server.core;

import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.Progress;
import dev.parity.offline.engine.EntityFiles;
import dev.parity.offline.features.BuiltTrainingSet;
import dev.parity.offline.features.TrainingSetSpec;
import java.util.Optional;

/**
 * Builds the training set a spec asks for on one engine; {@link TrainingSetService} checks the
 * registry and validates the data before, and records the result after, whatever the engine.
 */
@FunctionalInterface
public interface TrainingSetBuilder {
  /**
   * @param entities the entity table if the service opened it (its footers read once)
   * @throws dev.parity.ParityException when the build fails; nothing is recorded then
   */
  BuiltTrainingSet build(FeatureRepository repository, TrainingSetSpec spec, Optional<EntityFiles> entities,
      Progress progress);
}
