package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.registry.ApplySummary;
import dev.parity.registry.Registry;
import dev.parity.registry.jdbi.RegistryDatabase;
import dev.parity.server.db.RegistryPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The definition lifecycle (docs/repository.md): load and validate a feature repository, plan it against
 * the registry, apply it. The registry is the one {@code parity.yaml} names ({@code
 * PARITY_REGISTRY_URL} in the environment given here overrides it), a relative H2 path being
 * relative to the repository.
 *
 * <p>The one-call methods ({@link #plan(Path)}, {@link #apply(Path)}) open the registry and close
 * it again, as a CLI command does; the others work on an open {@link Registry}, as the server
 * does. Thread-safe if the schema resolver is.
 */
public final class RepositoryService {
  private final RepositoryLoader loader;
  private final Clock clock;

  /**
   * @param schemas resolves the schemas of sources that declare none (the Parquet resolver in
   *     production)
   * @param environment where {@code PARITY_REGISTRY_URL} and {@code PARITY_REDIS_URL} are looked
   *     up; {@code System.getenv()} in production
   * @param clock the time registry changes are recorded with
   */
  public RepositoryService(SourceSchemaResolver schemas, Map<String, String> environment, Clock clock) {
    this.loader = new RepositoryLoader(requireNonNull(schemas, "schemas is null"),
        requireNonNull(environment, "environment is null"));
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Loads and validates the repository in {@code directory}, with its configuration after the
   * environment's overrides.
   *
   * @throws RepositoryNotFoundException if {@code directory} is not a directory
   * @throws dev.parity.definitions.DefinitionException listing every error, sorted by position
   */
  public FeatureRepository load(Path directory) {
    Path absolute = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new RepositoryNotFoundException(absolute);
    }
    return loader.load(absolute);
  }

  /**
   * Validates the repository without touching the registry.
   *
   * @throws RepositoryNotFoundException if {@code directory} is not a directory
   * @throws dev.parity.definitions.DefinitionException listing every error
   */
  public RepositorySummary validate(Path directory) {
    return RepositorySummary.of(load(directory));
  }

  /**
   * Opens the registry of {@code repository}; the caller closes it.
   *
   * @throws dev.parity.registry.RegistryUnavailableException if it cannot be reached or opened
   */
  public RegistryDatabase openRegistry(FeatureRepository repository) {
    return RegistryDatabase.open(repository.config().registryUrl(), repository.root(), RegistryPool.unmetered());
  }

  /**
   * Compares the project's current objects in {@code registry} with {@code repository}.
   *
   * @throws dev.parity.registry.RegistryUnavailableException if the registry cannot be reached
   */
  public PlannedApply plan(FeatureRepository repository, Registry registry) {
    return PlannedApply.against(repository, registry);
  }

  /**
   * Makes the planned objects the project's current ones, if the registry is still at the
   * planned revision. A plan without changes writes nothing.
   *
   * @throws dev.parity.registry.RegistryConflictException if another apply landed since the plan
   *     was made; nothing is written
   * @throws dev.parity.registry.RegistryUnavailableException if the registry cannot be reached
   */
  public AppliedChanges apply(PlannedApply planned, Registry registry) {
    requireNonNull(planned, "planned is null");
    // Even without changes the registry checks the revision: a plan that found nothing to do
    // against an old revision is stale all the same.
    ApplySummary summary = registry.apply(planned.project(), planned.baseRevision(), planned.desired());
    return new AppliedChanges(planned, summary);
  }

  /**
   * Loads the repository and plans it against its registry.
   *
   * @throws RepositoryNotFoundException if {@code directory} is not a directory
   * @throws dev.parity.definitions.DefinitionException if the repository is invalid; the
   *     registry is not opened then
   * @throws dev.parity.registry.RegistryUnavailableException if the registry cannot be reached
   */
  public PlannedApply plan(Path directory) {
    FeatureRepository repository = load(directory);
    try (RegistryDatabase database = openRegistry(repository)) {
      return plan(repository, database.registry(clock));
    }
  }

  /**
   * Loads the repository, plans it and applies the plan, in one registry session.
   *
   * @throws RepositoryNotFoundException if {@code directory} is not a directory
   * @throws dev.parity.definitions.DefinitionException if the repository is invalid; nothing is
   *     registered and the registry is not opened
   * @throws dev.parity.registry.RegistryConflictException if another apply landed in between
   * @throws dev.parity.registry.RegistryUnavailableException if the registry cannot be reached
   */
  public AppliedChanges apply(Path directory) {
    FeatureRepository repository = load(directory);
    try (RegistryDatabase database = openRegistry(repository)) {
      Registry registry = database.registry(clock);
      return apply(plan(repository, registry), registry);
    }
  }
}
