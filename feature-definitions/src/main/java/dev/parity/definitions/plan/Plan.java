package dev.parity.definitions.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.ObjectKey;
import dev.parity.definitions.plan.ObjectChange.Action;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.definitions.version.VersionedObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The difference between what a registry holds and a newly loaded repository, like {@code
 * terraform plan}: objects added, removed, changed (with the changed fields) and unchanged.
 * Immutable and thread-safe.
 */
public record Plan(List<ObjectChange> changes) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Object keys whose entries are named things, shown as {@code key[name]} in paths. */
  private static final Set<String> NAMED = Set.of("features", "aggregations", "entities", "columns", "request", "uses", "schema");

  public Plan {
    changes = List.copyOf(requireNonNull(changes, "changes is null"));
  }

  /**
   * Compares {@code registered} (from a registry: kind and name to canonical JSON and version)
   * with {@code current}.
   *
   * @throws IllegalArgumentException if a registered canonical form is not JSON
   */
  public static Plan between(Collection<VersionedObject> registered, RepositoryVersions current) {
    Map<ObjectKey, VersionedObject> old = new TreeMap<>();
    registered.forEach(o -> old.put(o.key(), o));
    Set<ObjectKey> keys = new TreeSet<>(old.keySet());
    keys.addAll(current.objects().keySet());
    List<ObjectChange> changes = new ArrayList<>();
    for (ObjectKey key : keys) {
      Optional<VersionedObject> before = Optional.ofNullable(old.get(key));
      Optional<VersionedObject> after = current.get(key);
      Optional<String> oldVersion = before.map(VersionedObject::version);
      Optional<String> newVersion = after.map(VersionedObject::version);
      Action action;
      List<FieldChange> fields = new ArrayList<>();
      if (before.isEmpty()) {
        action = Action.ADDED;
      } else if (after.isEmpty()) {
        action = Action.REMOVED;
      } else if (oldVersion.equals(newVersion)) {
        action = Action.UNCHANGED;
      } else {
        action = Action.CHANGED;
        diff("", parse(before.get()), parse(after.get()), fields);
      }
      changes.add(new ObjectChange(action, key, fields, oldVersion, newVersion));
    }
    changes.sort(Comparator.comparing(ObjectChange::key));
    return new Plan(changes);
  }

  private static JsonNode parse(VersionedObject object) {
    try {
      return JSON.readTree(object.canonicalJson());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("registered canonical form of " + object.key() + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void diff(String path, JsonNode before, JsonNode after, List<FieldChange> into) {
    if (before != null && after != null && before.isObject() && after.isObject()) {
      Set<String> names = new TreeSet<>();
      before.fieldNames().forEachRemaining(names::add);
      after.fieldNames().forEachRemaining(names::add);
      String parent = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
      for (String name : names) {
        String child = path.isEmpty() ? name : NAMED.contains(parent) ? path + "[" + name + "]" : path + "." + name;
        diff(child, before.get(name), after.get(name), into);
      }
      return;
    }
    if (before == null || after == null || !before.equals(after)) {
      into.add(new FieldChange(path, Optional.ofNullable(before).map(JsonNode::toString), Optional.ofNullable(after).map(JsonNode::toString)));
    }
  }

  /** Whether anything would be added, removed or changed. */
  public boolean hasChanges() {
    return changes.stream().anyMatch(c -> c.action() != Action.UNCHANGED);
  }

  public List<ObjectChange> withAction(Action action) {
    return changes.stream().filter(c -> c.action() == action).toList();
  }

  /**
   * Renders the plan: one line per added ({@code +}), removed ({@code -}) or changed ({@code ~})
   * object, changed fields as {@code path: old -> new}, then a summary; {@code No changes.} if
   * there are none.
   */
  public String render() {
    if (!hasChanges()) {
      return "No changes.\n";
    }
    StringBuilder out = new StringBuilder();
    for (ObjectChange change : changes) {
      switch (change.action()) {
        case ADDED -> out.append("+ ").append(change.key()).append('\n');
        case REMOVED -> out.append("- ").append(change.key()).append('\n');
        case CHANGED -> renderChanged(change, out);
        default -> {}
      }
    }
    out.append(String.format(
        "%nPlan: %d to add, %d to change, %d to remove, %d unchanged.%n",
        withAction(Action.ADDED).size(), withAction(Action.CHANGED).size(), withAction(Action.REMOVED).size(), withAction(Action.UNCHANGED).size()));
    return out.toString();
  }

  private static void renderChanged(ObjectChange change, StringBuilder out) {
    out.append("~ ").append(change.key());
    List<String> dependencies = change.changedDependencies();
    if (!dependencies.isEmpty()) {
      out.append("  (uses changed ").append(String.join(", ", dependencies)).append(')');
    }
    List<FieldChange> own = change.ownChanges();
    if (own.size() == 1 && dependencies.isEmpty()) {
      out.append("  ").append(own.get(0)).append('\n');
      return;
    }
    out.append('\n');
    for (Iterator<FieldChange> it = own.iterator(); it.hasNext(); ) {
      out.append("    ").append(it.next()).append('\n');
    }
  }
}
