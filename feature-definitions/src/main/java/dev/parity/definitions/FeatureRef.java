package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One feature of a feature view or on-demand feature view; also an aggregation, which is a
 * feature of its view. Written {@code view.feature} in expressions.
 */
public record FeatureRef(String view, String feature) {
  public FeatureRef {
    requireNonNull(view, "view is null");
    requireNonNull(feature, "feature is null");
  }

  /**
   * Parses a reference as requests write it: {@code view:feature} (Feast's spelling) or
   * {@code view.feature} (the expression language's).
   *
   * @throws SelectionException if {@code text} is neither
   */
  public static FeatureRef parse(String text) {
    requireNonNull(text, "text is null");
    int at = separator(text, ':');
    if (at < 0) {
      at = separator(text, '.');
    }
    if (at < 0) {
      throw new SelectionException("feature reference '" + text + "' is not of the form view:feature");
    }
    return new FeatureRef(text.substring(0, at), text.substring(at + 1));
  }

  /**
   * The feature an expression input names ({@code view.feature}), or empty for a request field
   * or column (a plain name).
   */
  public static Optional<FeatureRef> ofInput(String input) {
    int dot = input.indexOf('.');
    return dot < 0 ? Optional.empty() : Optional.of(new FeatureRef(input.substring(0, dot), input.substring(dot + 1)));
  }

  /** Where {@code separator} splits {@code text} into two non-empty parts, or -1. */
  private static int separator(String text, char separator) {
    int at = text.indexOf(separator);
    boolean once = at > 0 && at < text.length() - 1 && text.indexOf(separator, at + 1) < 0;
    return once && text.indexOf(separator == ':' ? '.' : ':') < 0 ? at : -1;
  }

  /** This reference as requests write it, {@code view:feature}. */
  public String requestForm() {
    return view + ":" + feature;
  }

  @Override
  public String toString() {
    return view + "." + feature;
  }
}
