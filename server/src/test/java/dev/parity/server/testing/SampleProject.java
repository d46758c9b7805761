package dev.parity.server.testing;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.StoreFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A copy of {@code examples/drivers} with generated data ({@link SampleRepository}) in a project of
 * its own (so tests sharing the test Redis never see each other's keys), the test Redis through
 * {@code PARITY_REDIS_URL}, and a fixed clock: the base of the service tests' fixtures, which add
 * their own times and helpers. Not thread-safe; close it to close the stores it opened.
 */
public class SampleProject implements AutoCloseable {
  /** Redis expires by its wall clock, long after the sample data: keep values of the data's time. */
  public static final Duration GRACE = Duration.ofDays(3650);
  private static final AtomicInteger PROJECTS = new AtomicInteger();

  public final Path root;
  public final String project;
  public final RepositoryService repositories;
  private final Clock clock;
  private RepositoryStores stores;

  /**
   * The repository under {@code directory} in project {@code projectPrefix_<pid>_<n>}.
   *
   * @param registryEnvironment the registry's variables, empty for the H2 file of parity.yaml
   */
  protected SampleProject(Path directory, String projectPrefix, Map<String, String> registryEnvironment, Clock clock) {
    this.clock = clock;
    root = SampleRepository.create(directory);
    project = projectPrefix + "_" + ProcessHandle.current().pid() + "_" + PROJECTS.incrementAndGet();
    SampleRepository.edit(root, "parity.yaml", "project: default", "project: " + project);
    Map<String, String> environment = new HashMap<>(registryEnvironment);
    environment.put(RepositoryConfig.REDIS_URL_ENV, TestRedis.standaloneUrl());
    repositories = new RepositoryService(new ParquetSchemaResolver(), environment, clock);
  }

  /** Applies the repository as it is now. */
  public SampleProject apply() {
    repositories.apply(root);
    return this;
  }

  /** The repository as it is now on disk. */
  public FeatureRepository load() {
    return repositories.load(root);
  }

  /** Stores of the repository as loaded now (closing those of an earlier call). */
  public RepositoryStores stores() {
    if (stores != null) {
      stores.close();
    }
    stores = new StoreFactory(clock, GRACE).open(load());
    return stores;
  }

  /** The stores last opened, or stores of the repository as loaded now if none are. */
  protected RepositoryStores openedStores() {
    return stores == null ? stores() : stores;
  }

  @Override
  public void close() {
    if (stores != null) {
      stores.close();
    }
  }
}
