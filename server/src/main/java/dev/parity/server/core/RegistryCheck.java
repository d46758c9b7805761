package dev.parity.server.core;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.plan.ObjectChange;
import dev.parity.definitions.plan.Plan;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.registry.Registry;
import java.util.List;
import java.util.stream.Collectors;

/** Runs use registered definitions only: the repository must be what its registry holds. */
public final class RegistryCheck {
  private static final int LISTED = 5;

  private RegistryCheck() {}

  /**
   * @return the registry revision the repository is at
   * @throws NotAppliedException naming the differences, if applying would change anything
   */
  public static long requireApplied(FeatureRepository repository, Registry registry) {
    String project = repository.config().project();
    long revision = registry.revision(project);
    Plan plan = Plan.between(registry.current(project).stream().map(DefinitionRecords::versioned).toList(),
        RepositoryVersions.of(repository));
    if (plan.hasChanges()) {
      List<ObjectChange> changes = plan.changes().stream().filter(c -> c.action() != ObjectChange.Action.UNCHANGED)
          .toList();
      String listed = changes.stream().limit(LISTED).map(c -> c.action().name().toLowerCase() + " " + c.key())
          .collect(Collectors.joining(", "));
      throw new NotAppliedException("the feature repository differs from the registry of project '" + project + "' ("
          + (revision == 0 ? "nothing applied yet" : "revision " + revision) + "): " + changes.size()
          + (changes.size() == 1 ? " change" : " changes") + " (" + listed + (changes.size() > LISTED ? ", ..." : "")
          + "); run 'parity apply' first");
    }
    return revision;
  }
}
