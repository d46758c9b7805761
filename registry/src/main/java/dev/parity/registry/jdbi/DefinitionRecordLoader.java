package dev.parity.registry.jdbi;

import dev.parity.registry.DefinitionKind;
import dev.parity.registry.DefinitionRecord;
import dev.parity.registry.DefinitionRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Loads definition records (contents and dependencies) for a selection of
 * {@code (kind, name, version)} rows given as SQL, so every read of the registry and of lineage
 * shares one way of assembling records.
 */
final class DefinitionRecordLoader {
  /** Selection of the object's version right after {@code :revision}, unless it was removed. */
  static final String AT_REVISION = "SELECT kind, name, version FROM registry_change "
      + "WHERE project = :project AND kind = :kind AND name = :name AND removed = FALSE AND revision = "
      + "(SELECT MAX(revision) FROM registry_change WHERE project = :project AND kind = :kind AND name = :name "
      + "AND revision <= :revision)";

  private record Key(DefinitionKind kind, String name, String version) {}

  /**
   * Reads the records selected by {@code selection}, a query over {@code :project} and
   * {@code binds} returning columns {@code kind, name, version}; sorted by kind, name, version.
   */
  List<DefinitionRecord> read(Handle handle, String project, String selection, Map<String, Object> binds) {
    Map<Key, String> contents = new HashMap<>();
    handle.createQuery("SELECT d.kind, d.name, d.version, d.definition FROM registry_definition d JOIN ("
            + selection + ") s ON d.project = :project AND d.kind = s.kind AND d.name = s.name AND d.version = s.version")
        .bind("project", project).bindMap(binds)
        .map((rows, context) -> contents.put(key(rows.getString("kind"), rows.getString("name"),
            rows.getString("version")), rows.getString("definition")))
        .forEach(ignored -> { });
    Map<Key, Set<DefinitionRef>> dependencies = new HashMap<>();
    handle.createQuery("SELECT d.kind, d.name, d.version, d.depends_kind, d.depends_name FROM registry_dependency d "
            + "JOIN (" + selection + ") s "
            + "ON d.project = :project AND d.kind = s.kind AND d.name = s.name AND d.version = s.version")
        .bind("project", project).bindMap(binds)
        .map((rows, context) -> dependencies
            .computeIfAbsent(key(rows.getString("kind"), rows.getString("name"), rows.getString("version")),
                k -> new HashSet<>())
            .add(new DefinitionRef(DefinitionKind.fromId(rows.getString("depends_kind")),
                rows.getString("depends_name"))))
        .forEach(ignored -> { });
    List<DefinitionRecord> records = new ArrayList<>(contents.size());
    contents.forEach((key, json) -> records.add(new DefinitionRecord(key.kind(), key.name(), key.version(), json,
        dependencies.getOrDefault(key, Set.of()))));
    records.sort(Comparator.comparing(DefinitionRecord::ref).thenComparing(DefinitionRecord::version));
    return records;
  }

  private static Key key(String kind, String name, String version) {
    // CHAR(64) may come back padded on some databases; versions are exactly 64 characters anyway.
    return new Key(DefinitionKind.fromId(kind), name, version.strip());
  }
}
