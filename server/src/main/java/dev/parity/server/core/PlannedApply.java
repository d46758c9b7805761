package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.plan.Plan;
import dev.parity.server.db.DefinitionRecord;
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

  /** The plan as people read it, or {@code No changes.}; ends with a newline. */
  public String render() {
    return plan.render();
  }
}
