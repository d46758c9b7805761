package dev.parity.definitions.plan;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.ObjectKey;
import java.util.List;
import java.util.Optional;

/**
 * What happens to one object.
 *
 * @param action added, removed, changed or unchanged
 * @param key the object
 * @param fields changed fields (for {@code CHANGED}), in path order
 * @param oldVersion registered version, if it was registered
 * @param newVersion version in the repository, if it is still defined
 */
public record ObjectChange(Action action, ObjectKey key, List<FieldChange> fields, Optional<String> oldVersion, Optional<String> newVersion) {
  /** Kinds of change, in the order plans list them. */
  public enum Action {
    REMOVED,
    ADDED,
    CHANGED,
    UNCHANGED
  }

  public ObjectChange {
    requireNonNull(action, "action is null");
    requireNonNull(key, "key is null");
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
    requireNonNull(oldVersion, "oldVersion is null");
    requireNonNull(newVersion, "newVersion is null");
  }

  /** Views whose versions changed among what this object uses (its {@code uses} field). */
  public List<String> changedDependencies() {
    return fields.stream()
        .filter(f -> f.path().startsWith("uses[") && f.oldValue().isPresent() && f.newValue().isPresent())
        .map(f -> f.path().substring("uses[".length(), f.path().length() - 1))
        .toList();
  }

  /** Changed fields other than the versions of used views. */
  public List<FieldChange> ownChanges() {
    return fields.stream().filter(f -> !f.path().startsWith("uses[")).toList();
  }
}
