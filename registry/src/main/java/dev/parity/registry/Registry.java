package dev.parity.registry;

import java.util.List;
import java.util.Optional;

/**
 * The definition registry (docs/repository.md): per project, the current set of definition objects, every
 * version ever applied, and a revision number that each effective apply increments.
 *
 * <p>The registry does not interpret definitions: it stores what feature-definitions computed
 * (kind, name, version, canonical JSON, dependencies). Nothing is ever deleted: removed objects
 * stay readable at their old versions, because training sets and models reference them.
 *
 * <p>Implementations are thread-safe, and safe to use from several processes on one database.
 * Every method throws {@link RegistryUnavailableException} when the database cannot be reached.
 */
public interface Registry {

  /**
   * Makes {@code desired} the project's current set of objects, in one transaction: objects
   * whose version differs from the current one (or that are new) are stored, unchanged objects
   * keep their version, current objects absent from {@code desired} are marked removed, and the
   * revision is incremented. When nothing changes, nothing is written and the revision stays.
   *
   * @param project the project name (created by its first apply)
   * @param expectedRevision the revision the caller planned against (0 for a new project)
   * @param desired every object the project should have, each (kind, name) at most once
   * @return counts of what happened and the revision now current
   * @throws RegistryConflictException if the current revision is not {@code expectedRevision},
   *     also when another apply from the same base commits first; nothing is written
   * @throws IllegalArgumentException if {@code desired} names an object twice
   * @throws RegistryException if a stored version has different contents than given
   */
  ApplySummary apply(String project, long expectedRevision, List<DefinitionRecord> desired);

  /** The project's current revision: 0 before its first apply. */
  long revision(String project);

  /** Every current object of the project, sorted by kind then name. */
  List<DefinitionRecord> current(String project);

  /** The current objects of one kind, sorted by name. */
  List<DefinitionRecord> current(String project, DefinitionKind kind);

  /** The current version of one object; empty if it does not exist or was removed. */
  Optional<DefinitionRecord> current(String project, DefinitionRef ref);

  /** An object at a given version, current, superseded or removed; empty if never stored. */
  Optional<DefinitionRecord> atVersion(String project, DefinitionRef ref, String version);

  /**
   * The object as it was right after {@code revision} was applied; empty if it did not exist
   * then (not yet added, or removed).
   */
  Optional<DefinitionRecord> atRevision(String project, DefinitionRef ref, long revision);

  /** Every change of the object, oldest first; empty if it never existed. */
  List<HistoryEntry> history(String project, DefinitionRef ref);

  /**
   * The names of the current feature services whose current version depends on {@code view}
   * (a feature view or on-demand feature view), sorted.
   */
  List<String> servicesUsing(String project, DefinitionRef view);
}
