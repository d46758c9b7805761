package dev.parity.registry.jdbi;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.ApplySummary;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.DefinitionRef;
import dev.parity.registry.HistoryEntry;
import dev.parity.registry.Registry;
import dev.parity.registry.RegistryConflictException;
import dev.parity.registry.RegistryException;
import dev.parity.registry.internal.RecordChecks;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link Registry} on Jdbi. Concurrency control lives in SQL: an apply first moves the project
 * row from the expected revision to the next with a conditional {@code UPDATE}; that row lock
 * serialises concurrent applies, and the loser, re-evaluating its {@code WHERE} after the winner
 * commits, updates nothing and gets a conflict before writing anything.
 */
final class JdbiRegistry implements Registry {
  private final Jdbi jdbi;
  private final Clock clock;
  private final String url;
  private final DefinitionRecordLoader reader = new DefinitionRecordLoader();

  JdbiRegistry(Jdbi jdbi, Clock clock, String url) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.url = url;
  }

  @Override
  public ApplySummary apply(String project, long expectedRevision, List<DefinitionRecord> desired) {
    RecordChecks.check(project, "project");
    RecordChecks.checkNotNegative(expectedRevision, "expected revision");
    requireNonNull(desired, "desired is null");
    Map<DefinitionRef, DefinitionRecord> wanted = new TreeMap<>();
    for (DefinitionRecord record : desired) {
      if (wanted.put(requireNonNull(record, "desired contains null").ref(), record) != null) {
        throw new IllegalArgumentException(record.ref() + " appears more than once in the definitions to apply");
      }
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return SqlFailures.call(url, () -> {
      if (expectedRevision == 0) {
        ensureProject(project, now);
      }
      return jdbi.inTransaction(handle -> applyIn(handle, project, expectedRevision, wanted, now));
    });
  }

  private ApplySummary applyIn(Handle handle, String project, long expected, Map<DefinitionRef, DefinitionRecord> wanted,
      Instant now) {
    long next = expected + 1;
    int moved = handle.createUpdate("UPDATE registry_project SET revision = :next, updated_at = :now "
            + "WHERE name = :project AND revision = :expected")
        .bind("next", next).bind("now", now).bind("project", project).bind("expected", expected)
        .execute();
    if (moved == 0) {
      throw new RegistryConflictException(project, revision(handle, project), expected);
    }
    Map<DefinitionRef, String> current = currentVersions(handle, project);
    int added = 0;
    int changed = 0;
    int removed = 0;
    int unchanged = 0;
    for (DefinitionRecord record : wanted.values()) {
      String have = current.get(record.ref());
      if (record.version().equals(have)) {
        unchanged++;
        continue;
      }
      storeVersion(handle, project, record, next, now);
      recordChange(handle, project, record.ref(), next, record.version(), false, now);
      if (have == null) {
        added++;
        handle.createUpdate("INSERT INTO registry_current (project, kind, name, version, revision) "
                + "VALUES (:project, :kind, :name, :version, :revision)")
            .bind("project", project).bind("kind", record.kind().id()).bind("name", record.name())
            .bind("version", record.version()).bind("revision", next).execute();
      } else {
        changed++;
        handle.createUpdate("UPDATE registry_current SET version = :version, revision = :revision "
                + "WHERE project = :project AND kind = :kind AND name = :name")
            .bind("project", project).bind("kind", record.kind().id()).bind("name", record.name())
            .bind("version", record.version()).bind("revision", next).execute();
      }
    }
    for (Map.Entry<DefinitionRef, String> entry : current.entrySet()) {
      if (!wanted.containsKey(entry.getKey())) {
        removed++;
        recordChange(handle, project, entry.getKey(), next, entry.getValue(), true, now);
        handle.createUpdate("DELETE FROM registry_current WHERE project = :project AND kind = :kind AND name = :name")
            .bind("project", project).bind("kind", entry.getKey().kind().id()).bind("name", entry.getKey().name())
            .execute();
      }
    }
    if (added + changed + removed == 0) {
      // Nothing to record: the revision stays, so a no-op apply does not invalidate others' plans.
      handle.rollback();
      return new ApplySummary(0, 0, 0, unchanged, expected);
    }
    return new ApplySummary(added, changed, removed, unchanged, next);
  }

  private void ensureProject(String project, Instant now) {
    jdbi.useHandle(handle -> {
      if (projectExists(handle, project)) {
        return;
      }
      try {
        handle.createUpdate("INSERT INTO registry_project (name, revision, updated_at) VALUES (:project, 0, :now)")
            .bind("project", project).bind("now", now).execute();
      } catch (UnableToExecuteStatementException e) {
        // A concurrent first apply inserted it: fine, the revision check decides who wins.
        if (!projectExists(handle, project)) {
          throw e;
        }
      }
    });
  }

  private static boolean projectExists(Handle handle, String project) {
    return handle.createQuery("SELECT COUNT(*) FROM registry_project WHERE name = :project")
        .bind("project", project).mapTo(Long.class).one() > 0;
  }

  private static long revision(Handle handle, String project) {
    return handle.createQuery("SELECT revision FROM registry_project WHERE name = :project")
        .bind("project", project).mapTo(Long.class).findOne().orElse(0L);
  }

  private static Map<DefinitionRef, String> currentVersions(Handle handle, String project) {
    Map<DefinitionRef, String> versions = new HashMap<>();
    handle.createQuery("SELECT kind, name, version FROM registry_current WHERE project = :project")
        .bind("project", project)
        .map((rows, context) -> versions.put(
            new DefinitionRef(DefinitionKind.fromId(rows.getString("kind")), rows.getString("name")),
            rows.getString("version")))
        .forEach(ignored -> { });
    return versions;
  }

  private static void storeVersion(Handle handle, String project, DefinitionRecord record, long revision,
      Instant now) {
    Optional<Stored> stored = handle.createQuery("SELECT definition, first_revision FROM registry_definition "
            + "WHERE project = :project AND kind = :kind AND name = :name AND version = :version")
        .bind("project", project).bind("kind", record.kind().id()).bind("name", record.name())
        .bind("version", record.version())
        .map((rows, context) -> new Stored(rows.getString("definition"), rows.getLong("first_revision"))).findOne();
    if (stored.isPresent()) {
      if (stored.get().firstRevision() == 0) {
        adoptRecordedTrigger(handle, project, record, stored.get().definition(), revision);
      } else if (!stored.get().definition().equals(record.canonicalJson())) {
        throw differentDefinition(record);
      }
      return;
    }
    handle.createUpdate("INSERT INTO registry_definition (project, kind, name, version, definition, first_revision, "
            + "stored_at) VALUES (:project, :kind, :name, :version, :definition, :revision, :now)")
        .bind("project", project).bind("kind", record.kind().id()).bind("name", record.name())
        .bind("version", record.version()).bind("definition", record.canonicalJson()).bind("revision", revision)
        .bind("now", now).execute();
    storeDependencies(handle, project, record);
  }

  private static void storeDependencies(Handle handle, String project, DefinitionRecord record) {
    if (!record.dependsOn().isEmpty()) {
      var batch = handle.prepareBatch("INSERT INTO registry_dependency "
          + "(project, kind, name, version, depends_kind, depends_name) "
          + "VALUES (:project, :kind, :name, :version, :dependsKind, :dependsName)");
      for (DefinitionRef dependency : record.dependsOn()) {
        batch.bind("project", project).bind("kind", record.kind().id()).bind("name", record.name())
            .bind("version", record.version()).bind("dependsKind", dependency.kind().id())
            .bind("dependsName", dependency.name()).add();
      }
      batch.execute();
    }
  }

  /**
   * A trigger version that a server recorded before triggers were registered (moved here by
   * migration 9 with revision 0) holds the same declaration, written with its keys in another order
   * and without dependencies: applied now, it takes the canonical text, this revision and the
   * dependencies. Any other difference is a corrupt version.
   */
  private static void adoptRecordedTrigger(Handle handle, String project, DefinitionRecord record, String stored,
      long revision) {
    boolean sameDeclaration = record.kind() == DefinitionKind.TRIGGER
        && Json.read(stored, "definition of " + record.ref()).equals(Json.read(record.canonicalJson(),
            "definition of " + record.ref()));
    if (!sameDeclaration) {
      throw differentDefinition(record);
    }
    handle.createUpdate("UPDATE registry_definition SET definition = :definition, first_revision = :revision "
            + "WHERE project = :project AND kind = :kind AND name = :name AND version = :version")
        .bind("definition", record.canonicalJson()).bind("revision", revision).bind("project", project)
        .bind("kind", record.kind().id()).bind("name", record.name()).bind("version", record.version()).execute();
    // Recorded before triggers were registered, it has no dependencies yet.
    storeDependencies(handle, project, record);
  }

  private record Stored(String definition, long firstRevision) {}

  private static RegistryException differentDefinition(DefinitionRecord record) {
    return new RegistryException("version " + record.version() + " of " + record.ref()
        + " is already stored with a different definition; versions must be hashes of the canonical form");
  }

  private static void recordChange(Handle handle, String project, DefinitionRef ref, long revision, String version,
      boolean removed, Instant now) {
    handle.createUpdate("INSERT INTO registry_change (project, kind, name, revision, version, removed, applied_at) "
            + "VALUES (:project, :kind, :name, :revision, :version, :removed, :now)")
        .bind("project", project).bind("kind", ref.kind().id()).bind("name", ref.name())
        .bind("revision", revision).bind("version", version).bind("removed", removed).bind("now", now)
        .execute();
  }

  @Override
  public long revision(String project) {
    RecordChecks.check(project, "project");
    return SqlFailures.call(url, () -> jdbi.withHandle(handle -> revision(handle, project)));
  }

  @Override
  public List<DefinitionRecord> current(String project) {
    RecordChecks.check(project, "project");
    return SqlFailures.call(url, () -> jdbi.withHandle(handle -> reader.read(handle, project,
        "SELECT kind, name, version FROM registry_current WHERE project = :project", Map.of())));
  }

  @Override
  public List<DefinitionRecord> current(String project, DefinitionKind kind) {
    RecordChecks.check(project, "project");
    requireNonNull(kind, "kind is null");
    return SqlFailures.call(url, () -> jdbi.withHandle(handle -> reader.read(handle, project,
        "SELECT kind, name, version FROM registry_current WHERE project = :project AND kind = :kind",
        Map.of("kind", kind.id()))));
  }

  @Override
  public Optional<DefinitionRecord> current(String project, DefinitionRef ref) {
    RecordChecks.check(project, "project");
    requireNonNull(ref, "ref is null");
    return single(project, "SELECT kind, name, version FROM registry_current "
        + "WHERE project = :project AND kind = :kind AND name = :name", ref, Map.of());
  }

  @Override
  public Optional<DefinitionRecord> atVersion(String project, DefinitionRef ref, String version) {
    RecordChecks.check(project, "project");
    requireNonNull(ref, "ref is null");
    RecordChecks.checkVersion(version, "version of " + ref);
    return single(project, "SELECT kind, name, version FROM registry_definition "
        + "WHERE project = :project AND kind = :kind AND name = :name AND version = :version", ref,
        Map.of("version", version));
  }

  @Override
  public Optional<DefinitionRecord> atRevision(String project, DefinitionRef ref, long revision) {
    RecordChecks.check(project, "project");
    requireNonNull(ref, "ref is null");
    RecordChecks.checkNotNegative(revision, "revision");
    return single(project, DefinitionRecordLoader.AT_REVISION, ref, Map.of("revision", revision));
  }

  private Optional<DefinitionRecord> single(String project, String selection, DefinitionRef ref,
      Map<String, Object> binds) {
    Map<String, Object> all = new HashMap<>(binds);
    all.put("kind", ref.kind().id());
    all.put("name", ref.name());
    return SqlFailures.call(url, () -> jdbi.withHandle(handle -> reader.read(handle, project, selection, all)))
        .stream().findFirst();
  }

  @Override
  public List<HistoryEntry> history(String project, DefinitionRef ref) {
    RecordChecks.check(project, "project");
    requireNonNull(ref, "ref is null");
    return SqlFailures.call(url, () -> jdbi.withHandle(handle -> handle.createQuery(
            "SELECT revision, version, applied_at, removed FROM registry_change "
                + "WHERE project = :project AND kind = :kind AND name = :name ORDER BY revision")
        .bind("project", project).bind("kind", ref.kind().id()).bind("name", ref.name())
        .map((rows, context) -> new HistoryEntry(rows.getLong("revision"), rows.getString("version"),
            context.findColumnMapperFor(Instant.class).orElseThrow().map(rows, "applied_at", context),
            rows.getBoolean("removed")))
        .list()));
  }

  @Override
  public List<String> servicesUsing(String project, DefinitionRef view) {
    RecordChecks.check(project, "project");
    requireNonNull(view, "view is null");
    if (view.kind() != DefinitionKind.FEATURE_VIEW && view.kind() != DefinitionKind.ON_DEMAND_FEATURE_VIEW) {
      throw new IllegalArgumentException(view + " is not a feature view or on-demand feature view");
    }
    return SqlFailures.call(url, () -> jdbi.withHandle(handle -> handle.createQuery(
            "SELECT DISTINCT c.name FROM registry_current c JOIN registry_dependency d "
                + "ON d.project = c.project AND d.kind = c.kind AND d.name = c.name AND d.version = c.version "
                + "WHERE c.project = :project AND c.kind = :service "
                + "AND d.depends_kind = :viewKind AND d.depends_name = :viewName ORDER BY c.name")
        .bind("project", project).bind("service", DefinitionKind.FEATURE_SERVICE.id())
        .bind("viewKind", view.kind().id()).bind("viewName", view.name())
        .mapTo(String.class).list()));
  }
}
