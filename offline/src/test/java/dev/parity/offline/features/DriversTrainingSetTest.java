package dev.parity.offline.features;

import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.TestAllocator;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Set-up shared by the training-set tests: the sample repository with generated data (once per
 * test class) and a fresh engine per test whose allocator is closed afterwards (a leak check).
 */
abstract class DriversTrainingSetTest {
  @TempDir static Path shared;
  static Path repoDir;
  static FeatureRepository repository;

  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();
  TrainingSets trainingSets;

  @BeforeAll
  static void generate() {
    repoDir = DriversRepository.create(shared.resolve("drivers"));
    repository = DriversRepository.load(repoDir);
  }

  /** Engine options of this test class; small batches exercise batch boundaries. */
  OfflineOptions options(OfflineOptions defaults) {
    return defaults;
  }

  @BeforeEach
  void open() {
    OfflineOptions options = options(OfflineOptions.defaults(dir.resolve("tmp")));
    trainingSets = new TrainingSets(OfflineEngine.embedded(allocator, options), allocator, options);
  }

}
