package dev.parity.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The column names of an answer with their positions; immutable, shared by the answer's rows. */
final class FeatureNames {
  private static final int AMBIGUOUS = -1;
  private final List<String> names;
  private final Map<String, Integer> index;

  FeatureNames(List<String> names) {
    this.names = List.copyOf(names);
    this.index = new HashMap<>(names.size() * 2);
    for (int i = 0; i < names.size(); i++) {
      index.merge(names.get(i), i, (first, second) -> AMBIGUOUS);
    }
  }

  List<String> names() {
    return names;
  }

  int size() {
    return names.size();
  }

  /**
   * The column of {@code name}; a {@code view:feature} reference also finds its {@code
   * view__feature} column, or its {@code feature} column in an answer with plain names.
   *
   * @throws FeatureAccessException naming the columns there are
   */
  int column(String name) {
    Integer column = index.get(name);
    int colon = name == null ? -1 : name.indexOf(':');
    if (column == null && colon > 0) {
      column = index.get(name.substring(0, colon) + "__" + name.substring(colon + 1));
      if (column == null) {
        column = index.get(name.substring(colon + 1));
      }
    }
    if (column == null) {
      throw new FeatureAccessException(FeatureAccessException.Reason.UNKNOWN_NAME, "no feature '" + name
          + "' in this answer; it has " + names);
    }
    if (column == AMBIGUOUS) {
      throw new FeatureAccessException(FeatureAccessException.Reason.UNKNOWN_NAME, "feature name '" + name
          + "' names several columns of this answer; look up with fullFeatureNames() to get view__feature names");
    }
    return column;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeatureNames that && names.equals(that.names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }
}
