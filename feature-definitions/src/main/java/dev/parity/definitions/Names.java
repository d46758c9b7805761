package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for names in definitions. Object, feature, column and request names are identifiers
 * because expressions refer to them ({@code view.feature}). Stateless and thread-safe.
 */
public final class Names {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Names() {}

  /** Whether {@code name} is an identifier: a letter or underscore, then letters, digits, underscores. */
  public static boolean isIdentifier(String name) {
    return name != null && IDENTIFIER.matcher(name).matches();
  }

  /**
   * Returns {@code name} if it is an identifier.
   *
   * @throws IllegalArgumentException naming {@code what} otherwise
   */
  public static String requireIdentifier(String name, String what) {
    requireNonNull(name, what + " is null");
    if (!isIdentifier(name)) {
      throw new IllegalArgumentException(
          what + " '" + name + "' is not an identifier (letters, digits, _; not starting with a digit)");
    }
    return name;
  }

  /** Copies {@code names}, checking each is an identifier and none repeats. */
  static List<String> identifierList(Collection<String> names, String what) {
    requireNonNull(names, what + " is null");
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      requireIdentifier(name, what);
      if (!seen.add(name)) {
        throw new IllegalArgumentException("duplicate " + what + " '" + name + "'");
      }
    }
    return List.copyOf(names);
  }

  /**
   * The candidate closest to {@code name} by edit distance, if it is close enough to be a likely
   * typo (at most a third of the name's length, and at least 1).
   */
  public static Optional<String> closest(String name, Collection<String> candidates) {
    int limit = Math.max(1, name.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = editDistance(name, candidate);
      if (distance <= limit && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code " (did you mean 'x'?)"} or the empty string. */
  public static String didYouMean(String name, Collection<String> candidates) {
    return closest(name, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
