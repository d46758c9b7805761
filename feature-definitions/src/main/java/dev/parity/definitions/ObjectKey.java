package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/** Identifies one object of a repository: its kind and name. Sorted by kind, then name. */
public record ObjectKey(ObjectKind kind, String name) implements Comparable<ObjectKey> {
  private static final Comparator<ObjectKey> ORDER =
      Comparator.comparing(ObjectKey::kind).thenComparing(ObjectKey::name);

  public ObjectKey {
    requireNonNull(kind, "kind is null");
    requireNonNull(name, "name is null");
  }

  @Override
  public int compareTo(ObjectKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind.label() + " " + name;
  }
}
