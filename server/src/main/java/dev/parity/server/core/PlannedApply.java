package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.plan.Plan;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.Registry;
import java.util.List;

/**
 * A plan and what applying it would store: the project's objects as the repository defines them,
 * and the registry revision the plan was computed against. Applying it later fails with a
 * conflict if the registry moved on in between.
 *
 * @param project the project of the repository
 * @param baseRevision the registry revision the plan compares against (0: nothing applied yet)
 * @param plan differences between the registry and the repository
 * @param desired every object of the repository, as the registry stores it
 */
public record PlannedApply(String project, long baseRevision, Plan plan, List<DefinitionRecord> desired) {
  public PlannedApply {
    requireNonNull(project, "project is null");
    if (baseRevision < 0) {
      throw new IllegalArgumentException("base revision must not be negative, got " + baseRevision);
    }
    requireNonNull(plan, "plan is null");
    desired = List.copyOf(requireNonNull(desired, "desired is null"));
  }

  /**
   * Compares the project's current objects in {@code registry} with {@code repository}.
   *
   * @throws dev.parity.registry.RegistryUnavailableException if the registry cannot be reached
   */
  public static PlannedApply against(FeatureRepository repository, Registry registry) {
    String project = repository.config().project();
    // Revision first: if an apply lands between the two reads, applying this plan conflicts
    // instead of silently acting on a plan computed from newer objects than its revision.
    long revision = registry.revision(project);
    List<DefinitionRecord> registered = registry.current(project);
    RepositoryVersions versions = RepositoryVersions.of(repository);
    Plan plan = Plan.between(registered.stream().map(DefinitionRecords::versioned).toList(), versions);
    return new PlannedApply(project, revision, plan, DefinitionRecords.of(repository, versions));
  }

  /** The plan as people read it, or {@code No changes.}; ends with a newline. */
  public String render() {
    return plan.render();
  }
}
