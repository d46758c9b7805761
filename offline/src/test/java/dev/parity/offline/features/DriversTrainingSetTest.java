package dev.parity.offline.features;

import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineOptions;
import java.nio.file.Path;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
  RootAllocator allocator;
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
    allocator = new RootAllocator();
    OfflineOptions options = options(OfflineOptions.defaults(dir.resolve("tmp")));
    trainingSets = new TrainingSets(OfflineEngine.embedded(allocator, options), allocator, options);
  }

  @AfterEach
  void close() {
    allocator.close();
  }
}
